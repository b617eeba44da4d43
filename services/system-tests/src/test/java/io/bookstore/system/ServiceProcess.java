package io.bookstore.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** One service, run from its own packaged jar as a separate JVM, as in production; its log goes to a file. */
final class ServiceProcess {

    /** Within the 30 s surefire waits for a forked JVM's shutdown hooks. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int httpPort;
    private final ProcessBuilder builder;
    private final Path log;
    private volatile Process process;

    private ServiceProcess(String name, int httpPort, ProcessBuilder builder, Path log) throws IOException {
        this.name = name;
        this.httpPort = httpPort;
        this.builder = builder;
        this.log = log;
        this.process = builder.start();
    }

    static ServiceProcess start(String name, String module, int httpPort, Map<String, String> environment) {
        Path jar = Path.of(System.getProperty("services.dir"), module, "target",
                module + "-" + System.getProperty("project.version") + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar for " + module + " at " + jar + ": package the services first");
        }
        Path logs = Path.of(System.getProperty("logs.dir"));
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", jar.toString()));
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("HTTP_PORT", Integer.toString(httpPort));
            builder.environment().put("INSTANCE_ID", name);
            return new ServiceProcess(name, httpPort, builder, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    void awaitHealthy(Duration deadline) {
        Awaitility.await(name + " healthy").atMost(deadline).pollInterval(Duration.ofMillis(250))
                .failFast(name + " exited; see " + log, () -> !process.isAlive())
                .until(this::healthy);
    }

    boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts the process again, same command and environment, if an earlier test killed it; waits until healthy. */
    void ensureRunning(Duration deadline) {
        if (!process.isAlive()) {
            try {
                process = builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        awaitHealthy(deadline);
    }

    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks every process to stop at once, then kills those still running after one shared grace. Stopped a few at a
     * time (a parallel stream on 2 cores), their graces added up past the 30 s surefire gives a forked JVM to exit, and
     * the processes not yet stopped were left running after the build.
     */
    static void stopAll(List<ServiceProcess> processes) {
        processes.forEach(service -> service.process.destroy());
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ServiceProcess service : processes) {
            try {
                if (!service.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    service.kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                service.kill();
            }
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

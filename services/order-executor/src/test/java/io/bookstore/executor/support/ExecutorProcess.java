package io.bookstore.executor.support;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * An order executor in a JVM of its own (this module's classes, as the test classpath has them), so that a test can
 * kill it the way a crash does: SIGKILL, no shutdown hook, nothing handed over.
 */
public final class ExecutorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instanceId;
    private final int port;
    private final Process process;
    private final Path log;

    private ExecutorProcess(String instanceId, int port, Process process, Path log) {
        this.instanceId = instanceId;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public static ExecutorProcess start(String instanceId, Map<String, String> properties) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        for (String infrastructure : List.of("ZOOKEEPER_CONNECT", "KAFKA_BOOTSTRAP_SERVERS", "DB_URL", "DB_USER",
                "DB_PASSWORD")) {
            command.add("-D" + infrastructure + "=" + System.getProperty(infrastructure));
        }
        command.add("io.bookstore.executor.OrderExecutorApplication");
        properties.forEach((name, value) -> {
            if (!name.equals("server.port")) {
                command.add("--" + name + "=" + value);
            }
        });
        command.add("--server.port=" + port);
        command.add("--bookstore.instance-id=" + instanceId);
        command.add("--camel.main.name=" + instanceId);
        Path log = Path.of("target", instanceId + "-process.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new ExecutorProcess(instanceId, port, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String instanceId() {
        return instanceId;
    }

    /** Whether the process answers GET /leader saying it leads. */
    public boolean leads() {
        if (!process.isAlive()) {
            throw new IllegalStateException(instanceId + " exited; see " + log.toAbsolutePath());
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/leader")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && JSON.readTree(response.body()).path("leader").asBoolean();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as a crash: the process gets no chance to stop anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

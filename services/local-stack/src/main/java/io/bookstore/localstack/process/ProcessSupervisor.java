package io.bookstore.localstack.process;

import io.bookstore.localstack.stack.Part;
import io.bookstore.localstack.stack.StackDefinition;
import io.bookstore.localstack.stack.StackLayout;
import io.bookstore.localstack.stack.ToolRunner;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the parts as separate OS processes and remembers what it started, so that one call stops all of it.
 * Each child runs in its own session (setsid): Ctrl-C in the terminal reaches only the launcher, which then
 * stops the children in order instead of all of them dying at once.
 */
public final class ProcessSupervisor implements ToolRunner {

    private static final File NO_INPUT = new File("/dev/null");

    private final StackLayout layout;
    private final PidRecords records;
    private final LogFiles logs;
    private final List<ProcessRecord> started = new ArrayList<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Optional<String> setsid = findOnPath("setsid");
    private final Object stopLock = new Object();
    private boolean stopping;

    public ProcessSupervisor(StackLayout layout, PidRecords records, LogFiles logs) {
        this.layout = layout;
        this.records = records;
        this.logs = logs;
    }

    public synchronized Process start(Part part) throws IOException {
        if (stopping) {
            throw new IllegalStateException("the stack is stopping");
        }
        Process process = builder(part.command(), part.environment(), part.name()).start();
        ProcessRecord record = new ProcessRecord(part.name(), part.kind(), process.pid(), PidRecords.startTime(process.toHandle()));
        records.write(record);
        started.add(record);
        processes.put(part.name(), process);
        logs.describeInStackFile(record, part.environment(), part.command());
        return process;
    }

    @Override
    public void run(String part, List<String> command, Duration deadline) throws IOException, InterruptedException {
        Process process;
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("the stack is stopping");
            }
            process = builder(command, Map.of(), part).start();
        }
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + deadline.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + " (see " + layout.root().relativize(logs.of(part)) + ")");
        }
    }

    /** The processes this launcher started, by part name, in start order. */
    public synchronized Map<String, Process> processes() {
        return new LinkedHashMap<>(processes);
    }

    public synchronized boolean isStopping() {
        return stopping;
    }

    /**
     * Stops everything this launcher started (services, Kafka, ZooKeeper, PostgreSQL). A second call (the shutdown
     * hook, when Ctrl-C comes while a failed start-up is being undone) waits for the first to finish, so the JVM
     * never exits half-way through a stop.
     */
    public void stopAll(PrintStream out) {
        synchronized (stopLock) {
            List<ProcessRecord> toStop;
            synchronized (this) {
                stopping = true;
                toStop = List.copyOf(started);
                started.clear();
            }
            if (toStop.isEmpty()) {
                return;
            }
            out.println("Stopping the local stack...");
            boolean postgresStarted = toStop.stream().anyMatch(record -> record.name().equals("postgres"));
            new StackStopper(records, out).stop(toStop);
            if (postgresStarted) {
                StackStopper.stopPostmaster(layout.postgresData(), out);
            }
        }
    }

    private ProcessBuilder builder(List<String> command, Map<String, String> environment, String logName) {
        List<String> line = new ArrayList<>();
        setsid.ifPresent(line::add);
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line)
                .directory(layout.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.of(logName).toFile()));
        Map<String, String> childEnvironment = childEnvironment(builder.environment(), environment);
        builder.environment().clear();
        builder.environment().putAll(childEnvironment);
        return builder;
    }

    /** The launcher's environment without any service variable a shell may have exported, plus the part's own. */
    static Map<String, String> childEnvironment(Map<String, String> inherited, Map<String, String> own) {
        Map<String, String> environment = new LinkedHashMap<>(inherited);
        environment.keySet().removeAll(StackDefinition.SERVICE_VARIABLES);
        environment.putAll(own);
        return environment;
    }

    private static Optional<String> findOnPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}

package io.bookstore.localstack.process;

import io.bookstore.localstack.stack.PartKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stops recorded processes tier by tier (services, Kafka, ZooKeeper, PostgreSQL): SIGTERM to a whole tier,
 * then SIGKILL to whatever is still running when the tier's grace is over. Removes the pid records.
 */
public final class StackStopper {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final PidRecords records;
    private final PrintStream out;
    private final Function<PartKind, Duration> grace;

    public StackStopper(PidRecords records, PrintStream out) {
        this(records, out, PartKind::stopGrace);
    }

    StackStopper(PidRecords records, PrintStream out, Function<PartKind, Duration> grace) {
        this.records = records;
        this.out = out;
        this.grace = grace;
    }

    public void stop(Collection<ProcessRecord> toStop) {
        Map<PartKind, List<ProcessRecord>> tiers = new TreeMap<>(toStop.stream().collect(Collectors.groupingBy(ProcessRecord::kind)));
        tiers.forEach(this::stopTier);
    }

    private void stopTier(PartKind kind, List<ProcessRecord> tier) {
        Instant begun = Instant.now();
        List<Running> running = new ArrayList<>();
        for (ProcessRecord record : tier) {
            Optional<ProcessHandle> handle = PidRecords.live(record);
            handle.ifPresent(h -> {
                h.destroy();
                running.add(new Running(record, h));
            });
        }
        List<String> killed = new ArrayList<>();
        Instant deadline = begun.plus(grace.apply(kind));
        for (Running process : running) {
            if (!ProcessState.awaitExit(process.handle(), Duration.between(Instant.now(), deadline))) {
                process.handle().destroyForcibly();
                ProcessState.awaitExit(process.handle(), KILL_WAIT);
                killed.add(process.record().name());
            }
        }
        tier.forEach(record -> records.delete(record.name()));
        if (!running.isEmpty()) {
            String names = running.stream().map(p -> p.record().name()).collect(Collectors.joining(", "));
            out.printf("  stopped %s in %.1f s%s%n", names, Duration.between(begun, Instant.now()).toMillis() / 1000.0,
                    killed.isEmpty() ? "" : " (killed after " + kind.stopGrace().toSeconds() + " s: " + String.join(", ", killed) + ")");
        }
    }

    /** Stops a PostgreSQL server left running by its keeper, as named by the data directory's postmaster.pid. */
    public static void stopPostmaster(Path dataDirectory, PrintStream out) {
        Optional<ProcessHandle> postmaster = Postmaster.running(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        try {
            boolean stopped = Postmaster.stop(postmaster.get(), PartKind.POSTGRES.stopGrace());
            out.println(stopped
                    ? "  stopped the PostgreSQL server (postmaster " + postmaster.get().pid() + ")"
                    : "  could not stop the PostgreSQL server (postmaster " + postmaster.get().pid() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Running(ProcessRecord record, ProcessHandle handle) {
    }
}

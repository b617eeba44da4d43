package io.bookstore.localstack.command;

import io.bookstore.localstack.health.Health;
import io.bookstore.localstack.health.HealthProbe;
import io.bookstore.localstack.process.LogFiles;
import io.bookstore.localstack.process.ProcessSupervisor;
import io.bookstore.localstack.stack.Part;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts parts a few at a time and polls each one's health until it is up or its deadline passes. The first
 * failure stops the rest from starting; the caller then stops what did start.
 */
final class Startup {

    private static final Duration POLL = Duration.ofMillis(250);

    private final ProcessSupervisor supervisor;
    private final LogFiles logs;
    private final PrintStream out;
    private final Instant stackStart;
    private final AtomicBoolean failed = new AtomicBoolean();

    Startup(ProcessSupervisor supervisor, LogFiles logs, PrintStream out, Instant stackStart) {
        this.supervisor = supervisor;
        this.logs = logs;
        this.out = out;
        this.stackStart = stackStart;
    }

    List<Outcome> start(List<Part> parts, int concurrency) throws InterruptedException {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "start-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Outcome>> futures = parts.stream().map(part -> pool.submit(() -> startOne(part))).toList();
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    failed.set(true);
                    outcomes.add(Outcome.failed(parts.get(i), String.valueOf(e.getCause())));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome startOne(Part part) {
        if (failed.get() || supervisor.isStopping()) {
            return Outcome.skipped(part);
        }
        try {
            logs.begin(part.name(), part.environment(), part.command());
            part.preparation().prepare(supervisor);
            Instant begun = Instant.now();
            Process process = supervisor.start(part);
            return awaitHealthy(part, process, begun);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.skipped(part);
        } catch (Exception e) {
            return fail(part, "could not start: " + e.getMessage());
        }
    }

    private Outcome awaitHealthy(Part part, Process process, Instant begun) throws InterruptedException {
        Instant deadline = begun.plus(part.startDeadline());
        try (HealthProbe probe = part.probe().get()) {
            while (true) {
                if (supervisor.isStopping()) {
                    return Outcome.skipped(part);
                }
                if (!process.isAlive()) {
                    return supervisor.isStopping()
                            ? Outcome.skipped(part)
                            : fail(part, "exited with code " + process.exitValue() + " before it was healthy");
                }
                Health health = probe.check();
                if (health.up() && !supervisor.isStopping()) {
                    out.printf("  [%5.1f s] %-26s %-5s %s (healthy %.1f s after its start)%n",
                            seconds(stackStart), part.name(), health.status(), health.detail(), seconds(begun));
                    return Outcome.healthy(part, process.pid(), health);
                }
                if (failed.get()) {
                    return Outcome.skipped(part);
                }
                if (Instant.now().isAfter(deadline)) {
                    return fail(part, "not healthy within " + part.startDeadline().toSeconds() + " s (last check: " + health.detail() + ")");
                }
                awaitExitOrPoll(process);
            }
        }
    }

    private static void awaitExitOrPoll(Process process) throws InterruptedException {
        try {
            process.onExit().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running after one poll interval: time for the next health check
        }
    }

    private Outcome fail(Part part, String reason) {
        failed.set(true);
        return Outcome.failed(part, reason);
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}

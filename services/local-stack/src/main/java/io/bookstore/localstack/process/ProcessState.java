package io.bookstore.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a process still runs. ProcessHandle.isAlive() is true for a zombie, and a part started by a detached
 * launcher is reaped only when init gets round to it (some container inits never do): /proc says it has exited.
 */
public final class ProcessState {

    private static final Duration POLL = Duration.ofMillis(100);

    private ProcessState() {
    }

    public static boolean running(ProcessHandle handle) {
        return handle.isAlive() && !exited(handle.pid());
    }

    /** True when /proc shows the process as a zombie (exited, not yet reaped) or dead. */
    static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return afterName.startsWith("Z") || afterName.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Waits up to the timeout for the process to end; true when it has. */
    static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (running(handle)) {
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            try {
                handle.onExit().get(Math.min(POLL.toMillis(), Duration.between(Instant.now(), deadline).toMillis() + 1),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // not reaped yet: look at /proc again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running(handle);
            }
        }
        return true;
    }
}

package io.bookstore.localstack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL server itself. zonky starts it with pg_ctl, which detaches it into its own session, so it can
 * outlive the keeper JVM (kill -9 of the keeper): the data directory's postmaster.pid still names it.
 */
public final class Postmaster {

    private Postmaster() {
    }

    public static Optional<ProcessHandle> running(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                    .filter(ProcessState::running)
                    .filter(Postmaster::isPostgres);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Fast shutdown (SIGINT: roll back open transactions, then exit), SIGKILL if it does not end within the grace. */
    public static boolean stop(ProcessHandle postmaster, Duration grace) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            postmaster.destroy();
        }
        if (ProcessState.awaitExit(postmaster, grace)) {
            return true;
        }
        postmaster.destroyForcibly();
        return ProcessState.awaitExit(postmaster, Duration.ofSeconds(5));
    }

    private static boolean isPostgres(ProcessHandle handle) {
        return handle.info().command().or(() -> handle.info().commandLine())
                .map(command -> command.contains("postgres"))
                .orElse(false);
    }
}

package io.bookstore.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The pid records under .local/pids, one file per part: how down and status find what up started. */
public final class PidRecords {

    private static final String SUFFIX = ".pid";
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);

    private final Path directory;

    public PidRecords(Path directory) {
        this.directory = directory;
    }

    public void write(ProcessRecord record) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(record.name() + SUFFIX), record.serialize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the pid of " + record.name(), e);
        }
    }

    public List<ProcessRecord> readAll() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<ProcessRecord> records = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String fileName = file.getFileName().toString();
                records.add(ProcessRecord.parse(fileName.substring(0, fileName.length() - SUFFIX.length()), Files.readString(file)));
            }
            records.sort(Comparator.comparing(ProcessRecord::startedAt));
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pid records in " + directory, e);
        }
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(directory.resolve(name + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the pid record of " + name, e);
        }
    }

    public List<ProcessRecord> alive() {
        return readAll().stream().filter(record -> live(record).isPresent()).toList();
    }

    /** The recorded process, if it still runs and is the same process (same start time), not a reused pid. */
    public static Optional<ProcessHandle> live(ProcessRecord record) {
        return ProcessHandle.of(record.pid())
                .filter(ProcessState::running)
                .filter(handle -> handle.info().startInstant()
                        .map(started -> Duration.between(started, record.startedAt()).abs().compareTo(START_TIME_TOLERANCE) <= 0)
                        .orElse(true));
    }

    public static Instant startTime(ProcessHandle handle) {
        return handle.info().startInstant().orElseGet(Instant::now);
    }
}

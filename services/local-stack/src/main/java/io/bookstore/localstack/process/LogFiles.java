package io.bookstore.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * logs/&lt;name&gt;.log of every part, each opening with the exact environment and command it was started with,
 * and logs/stack.txt listing them all.
 */
public final class LogFiles {

    private static final int TAIL_BYTES = 64 * 1024;

    private final Path directory;

    public LogFiles(Path directory) {
        this.directory = directory;
    }

    public Path of(String name) {
        return directory.resolve(name + ".log");
    }

    public Path stackFile() {
        return directory.resolve("stack.txt");
    }

    /** Starts a fresh log for a part; everything its processes print is appended after this header. */
    public void begin(String name, Map<String, String> environment, List<String> command) {
        String header = "# environment: " + describe(environment) + "\n"
                + "# command: " + String.join(" ", command) + "\n"
                + "# started: " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "\n";
        write(of(name), header, StandardOpenOption.TRUNCATE_EXISTING);
    }

    public void resetStackFile() {
        write(stackFile(), "# The processes of the local stack, as `make up` started them.\n", StandardOpenOption.TRUNCATE_EXISTING);
    }

    public void describeInStackFile(ProcessRecord record, Map<String, String> environment, List<String> command) {
        String entry = "\n" + record.name() + "  pid " + record.pid() + "  log " + directory.relativize(of(record.name())) + "\n"
                + "  environment: " + describe(environment) + "\n"
                + "  command: " + String.join(" ", command) + "\n";
        write(stackFile(), entry, StandardOpenOption.APPEND);
    }

    public List<String> tail(String name, int lines) {
        Path log = of(name);
        if (!Files.exists(log)) {
            return List.of();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(log)) {
            long start = Math.max(0, channel.size() - TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (channel.size() - start));
            channel.position(start);
            int read;
            do {
                read = channel.read(buffer);
            } while (read > 0 && buffer.hasRemaining());
            List<String> all = Arrays.asList(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    static String describe(Map<String, String> environment) {
        if (environment.isEmpty()) {
            return "(inherited only)";
        }
        return environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private void write(Path file, String text, StandardOpenOption mode) {
        try {
            Files.createDirectories(directory);
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

package io.bookstore.localstack.process;

import io.bookstore.localstack.stack.PartKind;
import java.time.Instant;

/**
 * A process the stack started, as written under .local/pids: its start time tells it apart from an unrelated
 * process that reused the pid later.
 */
public record ProcessRecord(String name, PartKind kind, long pid, Instant startedAt) {

    public String serialize() {
        return pid + " " + kind + " " + startedAt.toEpochMilli() + "\n";
    }

    public static ProcessRecord parse(String name, String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException("not a pid record: '" + line.trim() + "'");
        }
        return new ProcessRecord(name, PartKind.valueOf(fields[1]), Long.parseLong(fields[0]),
                Instant.ofEpochMilli(Long.parseLong(fields[2])));
    }
}

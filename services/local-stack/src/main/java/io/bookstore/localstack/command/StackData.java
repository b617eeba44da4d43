package io.bookstore.localstack.command;

import io.bookstore.localstack.stack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The data of the stack under .local/: ZooKeeper, Kafka and PostgreSQL data, generated configs. */
final class StackData {

    private StackData() {
    }

    static void wipe(StackLayout layout) {
        Path data = layout.data();
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe " + data, e);
        }
    }
}

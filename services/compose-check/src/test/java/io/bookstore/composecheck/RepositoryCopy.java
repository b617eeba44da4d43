package io.bookstore.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/** A copy of the files the compose checks read (no build output, tests or git data), to break on purpose. */
final class RepositoryCopy {

    private static final Set<String> SKIPPED = Set.of("target", ".git", ".local", "logs", "node_modules", "test");

    private final Path root;

    private RepositoryCopy(Path root) {
        this.root = root;
    }

    static RepositoryCopy of(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                    if (!directory.equals(source) && SKIPPED.contains(directory.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(source.relativize(directory)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.copy(file, target.resolve(source.relativize(file)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RepositoryCopy(target);
    }

    /** Replaces the occurrence-th (from 1) occurrence of a text that must be there. */
    RepositoryCopy replace(String file, String text, String replacement, int occurrence) {
        Path path = root.resolve(file);
        String content = Stack.read(path);
        int at = -1;
        for (int i = 0; i < occurrence; i++) {
            at = content.indexOf(text, at + 1);
            assertThat(at).as("occurrence %d of '%s' in %s", occurrence, text, file).isNotNegative();
        }
        write(path, content.substring(0, at) + replacement + content.substring(at + text.length()));
        return this;
    }

    RepositoryCopy replace(String file, String text, String replacement) {
        return replace(file, text, replacement, 1);
    }

    RepositoryCopy createDirectory(String directory) {
        try {
            Files.createDirectories(root.resolve(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Stack stack() {
        return Stack.load(root);
    }

    private static void write(Path path, String content) {
        try {
            Files.writeString(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

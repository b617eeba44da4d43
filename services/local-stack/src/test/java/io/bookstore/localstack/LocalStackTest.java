package io.bookstore.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void withoutACommandItPrintsUsage() {
        assertThat(LocalStack.run(List.of(), out)).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("up [--detach] [--fresh]");
    }

    @Test
    void unknownCommandsAndFlagsAreRefusedBeforeAnythingRuns() {
        assertThat(LocalStack.run(List.of("start"), out)).isEqualTo(2);
        assertThat(LocalStack.run(List.of("up", "--background"), out)).isEqualTo(2);
        assertThat(LocalStack.run(List.of("down", "--fresh"), out)).isEqualTo(2);
        assertThat(LocalStack.run(List.of("kill"), out)).isEqualTo(2);
        assertThat(LocalStack.run(List.of("stop"), out)).isEqualTo(2);
        assertThat(LocalStack.run(List.of("chaos", "--fresh"), out)).isEqualTo(2);
    }

    @Test
    void outsideTheRepositoryRootItSaysWhereToRunIt() {
        assertThat(LocalStack.run(List.of("status"), out)).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("run the launcher from the repository root");
    }
}

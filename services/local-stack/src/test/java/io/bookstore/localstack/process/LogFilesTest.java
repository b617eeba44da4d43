package io.bookstore.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.localstack.stack.PartKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @Test
    void aLogOpensWithTheExactEnvironmentAndCommand(@TempDir Path directory) throws Exception {
        LogFiles logs = new LogFiles(directory);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HTTP_PORT", "8092");
        environment.put("INSTANCE_ID", "order-executor-2");
        Files.writeString(logs.of("order-executor-2"), "output of an earlier run\n");

        logs.begin("order-executor-2", environment, List.of("java", "-jar", "order-executor.jar"));

        List<String> lines = Files.readAllLines(logs.of("order-executor-2"));
        assertThat(lines.get(0)).isEqualTo("# environment: HTTP_PORT=8092 INSTANCE_ID=order-executor-2");
        assertThat(lines.get(1)).isEqualTo("# command: java -jar order-executor.jar");
        assertThat(lines).doesNotContain("output of an earlier run");
    }

    @Test
    void tailReturnsTheLastLines(@TempDir Path directory) throws Exception {
        LogFiles logs = new LogFiles(directory);
        String text = IntStream.rangeClosed(1, 100_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(logs.of("kafka"), text);

        assertThat(logs.tail("kafka", 3)).containsExactly("line 99998", "line 99999", "line 100000");
        assertThat(logs.tail("never-started", 3)).isEmpty();
    }

    @Test
    void theStackFileListsEveryStartedProcess(@TempDir Path directory) throws Exception {
        LogFiles logs = new LogFiles(directory);
        logs.resetStackFile();

        logs.describeInStackFile(new ProcessRecord("stock", PartKind.SERVICE, 4242, Instant.now()),
                Map.of("HTTP_PORT", "8082"), List.of("java", "-jar", "stock.jar"));
        logs.describeInStackFile(new ProcessRecord("kafka", PartKind.KAFKA, 4343, Instant.now()),
                Map.of(), List.of("java", "kafka.Kafka"));

        String stack = Files.readString(logs.stackFile());
        assertThat(stack).contains("stock  pid 4242  log stock.log", "environment: HTTP_PORT=8082", "command: java -jar stock.jar",
                "kafka  pid 4343", "environment: (inherited only)");
    }
}

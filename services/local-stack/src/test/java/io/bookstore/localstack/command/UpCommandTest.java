package io.bookstore.localstack.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.localstack.health.Health;
import io.bookstore.localstack.stack.Part;
import io.bookstore.localstack.stack.StackDefinition;
import io.bookstore.localstack.stack.StackLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpCommandTest {

    private final StackDefinition stack = StackDefinition.load(new StackLayout(Path.of("../..")), Map.of());

    @Test
    void theSummaryListsEveryPartWithPidEndpointHealthAndHawtio() {
        List<Part> parts = stack.all();
        List<Outcome> outcomes = IntStream.range(0, parts.size())
                .mapToObj(i -> Outcome.healthy(parts.get(i), 1000 + i, health(parts.get(i))))
                .toList();

        String summary = UpCommand.summary(stack, outcomes);

        assertThat(summary).contains(
                "zookeeper-2", "UP (leader)",
                "kafka", "127.0.0.1:9092",
                "jdbc:postgresql://127.0.0.1:5432/<database>",
                "http://localhost:8081/actuator/hawtio",
                "Checkout:    http://localhost:8081/checkout",
                "ZooKeeper:   127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183 (leader: zookeeper-2)");
        assertThat(summary.lines().filter(line -> line.startsWith("order-executor-2 ")).findFirst()).hasValueSatisfying(line ->
                assertThat(line).contains("1011", "http://localhost:8092", "UP", "http://localhost:8092/actuator/hawtio"));
    }

    private static Health health(Part part) {
        return switch (part.name()) {
            case "zookeeper-2" -> Health.up("leader");
            case "zookeeper-1", "zookeeper-3" -> Health.up("follower");
            default -> Health.up("UP");
        };
    }
}

package io.bookstore.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSetupTest {

    @Test
    void rendersASingleNodeKraftConfigOnTheGivenPorts(@TempDir Path directory) throws IOException {
        KafkaSetup kafka = new KafkaSetup(directory, 19092, 19093);

        Properties config = new Properties();
        config.load(new StringReader(kafka.renderConfig()));

        assertThat(config.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(config.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(config.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(config.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
        assertThat(config.getProperty("log.dirs")).isEqualTo(directory.resolve("data").toString());
        assertThat(config.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(config.getProperty("num.partitions")).isEqualTo("3");
        assertThat(config.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(config.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        assertThat(kafka.renderConfig()).doesNotContain("${");
    }

    @Test
    void formatsStorageOnceAndKeepsTheClusterId(@TempDir Path directory) throws Exception {
        KafkaSetup kafka = new KafkaSetup(directory, 19092, 19093);
        List<List<String>> commands = new ArrayList<>();
        ToolRunner formatter = (part, command, deadline) -> {
            commands.add(command);
            Files.createDirectories(kafka.logDirectory());
            Files.writeString(kafka.logDirectory().resolve("meta.properties"), "formatted");
        };

        kafka.prepare(formatter, "java", "lib/*");
        String clusterId = Files.readString(directory.resolve("cluster-id")).trim();
        kafka.prepare(formatter, "java", "lib/*");

        assertThat(commands).hasSize(1);
        assertThat(commands.get(0)).containsSubsequence("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                kafka.config().toString());
        assertThat(clusterId).hasSize(22);
        assertThat(Files.readString(kafka.config())).contains("log.dirs=" + kafka.logDirectory());
    }

    @Test
    void aFormatFailureStopsThePreparation(@TempDir Path directory) {
        KafkaSetup kafka = new KafkaSetup(directory, 19092, 19093);
        ToolRunner failing = (part, command, deadline) -> {
            throw new IOException("StorageTool failed with exit code 1");
        };

        assertThatThrownBy(() -> kafka.prepare(failing, "java", "lib/*"))
                .hasMessageContaining("exit code 1");
    }

    @Test
    void theFormatStepIsBoundedInTime(@TempDir Path directory) throws Exception {
        List<Duration> deadlines = new ArrayList<>();
        new KafkaSetup(directory, 19092, 19093).prepare((part, command, deadline) -> deadlines.add(deadline), "java", "lib/*");

        assertThat(deadlines).singleElement().satisfies(deadline -> assertThat(deadline).isPositive());
    }
}

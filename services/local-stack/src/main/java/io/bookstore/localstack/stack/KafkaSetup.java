package io.bookstore.localstack.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * The single KRaft node: server.properties rendered from the template in this module's resources, and its
 * storage formatted once with a cluster id kept under .local/kafka so the data survives down/up.
 */
public final class KafkaSetup {

    private static final String TEMPLATE = "/kafka/server.properties";
    private static final Duration FORMAT_DEADLINE = Duration.ofSeconds(60);

    private final Path directory;
    private final int brokerPort;
    private final int controllerPort;

    public KafkaSetup(Path directory, int brokerPort, int controllerPort) {
        this.directory = directory;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    public Path config() {
        return directory.resolve("server.properties");
    }

    public Path logDirectory() {
        return directory.resolve("data");
    }

    public String renderConfig() {
        return Template.render(template(), Map.of(
                "broker.port", Integer.toString(brokerPort),
                "controller.port", Integer.toString(controllerPort),
                "log.dirs", logDirectory().toString()));
    }

    public void prepare(ToolRunner tools, String java, String classpath) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Files.writeString(config(), renderConfig());
        if (!Files.exists(logDirectory().resolve("meta.properties"))) {
            tools.run("kafka", List.of(java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", clusterId(), "-c", config().toString(), "--ignore-formatted"), FORMAT_DEADLINE);
        }
    }

    private String clusterId() throws IOException {
        Path file = directory.resolve("cluster-id");
        if (!Files.exists(file)) {
            Files.writeString(file, Uuid.randomUuid() + "\n");
        }
        return Files.readString(file).trim();
    }

    private static String template() {
        try (InputStream in = KafkaSetup.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

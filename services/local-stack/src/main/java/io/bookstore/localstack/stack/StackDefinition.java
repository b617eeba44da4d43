package io.bookstore.localstack.stack;

import io.bookstore.localstack.health.HttpHealthProbe;
import io.bookstore.localstack.health.KafkaProbe;
import io.bookstore.localstack.health.PostgresProbe;
import io.bookstore.localstack.health.ZooKeeperProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/** Every process of the local stack, in start order: infrastructure first, then the services. */
public final class StackDefinition {

    public static final int KAFKA_PORT = 9092;
    public static final int KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_POSTGRES_PORT = 5432;
    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";
    public static final List<String> DATABASES = List.of("orchestrator", "stock", "payment", "fraud_detection", "order_executor");

    /** The variables the services read; removed from what a child inherits, so only the stack's own values reach it. */
    public static final Set<String> SERVICE_VARIABLES = Set.of(
            "HTTP_PORT", "GRPC_PORT", "INSTANCE_ID", "DB_URL", "DB_USER", "DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
            "ZOOKEEPER_CONNECT", "STOCK_URL", "PAYMENT_URL", "ORCHESTRATOR_URL", "TRANSACTION_VERIFICATION_GRPC",
            "FRAUD_DETECTION_GRPC", "SUGGESTIONS_GRPC", "ROUTES_DIR");

    private static final List<Service> SERVICES = List.of(
            new Service("stock", "stock", 8082, OptionalInt.empty(), Optional.of("stock")),
            new Service("payment", "payment", 8083, OptionalInt.empty(), Optional.of("payment")),
            new Service("transaction-verification", "transaction-verification", 8084, OptionalInt.of(50051), Optional.empty()),
            new Service("fraud-detection", "fraud-detection", 8085, OptionalInt.of(50052), Optional.of("fraud_detection")),
            new Service("suggestions", "suggestions", 8086, OptionalInt.of(50053), Optional.empty()),
            new Service("order-executor-1", "order-executor", 8091, OptionalInt.empty(), Optional.of("order_executor")),
            new Service("order-executor-2", "order-executor", 8092, OptionalInt.empty(), Optional.of("order_executor")),
            new Service("order-executor-3", "order-executor", 8093, OptionalInt.empty(), Optional.of("order_executor")),
            new Service("orchestrator", "orchestrator", 8081, OptionalInt.empty(), Optional.of("orchestrator")));

    // Full JIT compilation for the services: C2 costs CPU for the first minutes under load, then a warm stack settles
    // about 60 % more checkouts per second than with C1 alone (make bench, README "Performance", session 6).
    // A service out of heap exits (make status shows it dead) instead of spending every core on collections while it
    // answers nothing.
    private static final List<String> SERVICE_JVM =
            List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
    private static final List<String> SMALL_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final StackLayout layout;
    private final int postgresPort;
    private final List<ZooKeeperNode> zookeeper;
    private final String version;

    StackDefinition(StackLayout layout, int postgresPort, List<ZooKeeperNode> zookeeper, String version) {
        this.layout = layout;
        this.postgresPort = postgresPort;
        this.zookeeper = List.copyOf(zookeeper);
        this.version = version;
    }

    public static StackDefinition load(StackLayout layout, Map<String, String> environment) {
        return new StackDefinition(
                layout,
                postgresPort(environment),
                ZooKeeperNode.loadAll(layout.zookeeperSourceConfigs(), layout.root()),
                projectVersion());
    }

    static int postgresPort(Map<String, String> environment) {
        String value = environment.get("PG_PORT");
        if (value == null || value.isBlank()) {
            return DEFAULT_POSTGRES_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PG_PORT is not a port number: " + value);
        }
    }

    public List<Part> infrastructure() {
        List<Part> parts = new ArrayList<>();
        zookeeper.forEach(node -> parts.add(zookeeperPart(node)));
        parts.add(postgresPart());
        parts.add(kafkaPart());
        return List.copyOf(parts);
    }

    public List<Part> services() {
        return SERVICES.stream().map(this::servicePart).toList();
    }

    public List<Part> all() {
        return Stream.concat(infrastructure().stream(), services().stream()).toList();
    }

    public List<PortClaim> portClaims() {
        return all().stream().flatMap(part -> part.ports().stream()).toList();
    }

    public List<Path> serviceJars() {
        return SERVICES.stream().map(service -> layout.serviceJar(service.module(), version)).distinct().toList();
    }

    public String zookeeperConnect() {
        return ZooKeeperNode.connectString(zookeeper);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + KAFKA_PORT;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public int postgresPort() {
        return postgresPort;
    }

    private Part zookeeperPart(ZooKeeperNode node) {
        Path runtimeConfig = layout.zookeeperData().resolve("zoo-" + node.id() + ".cfg");
        List<String> command = new ArrayList<>(List.of(layout.java(), "-Xmx256m"));
        command.addAll(SMALL_JVM);
        command.addAll(List.of("-Dzookeeper.admin.enableServer=false", "-cp", layout.infrastructureClasspath(),
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", runtimeConfig.toString()));
        return new Part(node.name(), PartKind.ZOOKEEPER, command, Map.of(), node.ports(),
                tools -> node.writeRuntimeFiles(runtimeConfig),
                () -> new ZooKeeperProbe("127.0.0.1", node.clientPort()),
                Duration.ofSeconds(30), "127.0.0.1:" + node.clientPort(), Optional.empty());
    }

    private Part kafkaPart() {
        KafkaSetup kafka = new KafkaSetup(layout.kafkaData(), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
        List<String> command = List.of(layout.java(), "-Xmx512m", "-Djava.awt.headless=true",
                "-cp", layout.infrastructureClasspath(), "kafka.Kafka", kafka.config().toString());
        return new Part("kafka", PartKind.KAFKA, command, Map.of(),
                List.of(new PortClaim(KAFKA_PORT, "kafka", "broker listener"),
                        new PortClaim(KAFKA_CONTROLLER_PORT, "kafka", "controller listener")),
                tools -> kafka.prepare(tools, layout.java(), layout.infrastructureClasspath()),
                () -> new KafkaProbe(kafkaBootstrapServers()),
                Duration.ofSeconds(60), kafkaBootstrapServers(), Optional.empty());
    }

    private Part postgresPart() {
        // unpacking the PostgreSQL binaries on a machine's first start needs more than 64 MB (xz)
        List<String> command = new ArrayList<>(List.of(layout.java(), "-Xmx256m"));
        command.addAll(SMALL_JVM);
        command.addAll(List.of("-cp", layout.infrastructureClasspath(), "io.bookstore.localstack.postgres.PostgresKeeper",
                layout.postgresData().toString(), Integer.toString(postgresPort), String.join(",", DATABASES)));
        return new Part("postgres", PartKind.POSTGRES, command, Map.of(),
                List.of(new PortClaim(postgresPort, "postgres", "server port (PG_PORT)")),
                Preparation.NONE,
                () -> new PostgresProbe(postgresPort, DATABASES, DB_USER, DB_PASSWORD),
                Duration.ofSeconds(90), jdbcUrl("<database>"), Optional.empty());
    }

    private Part servicePart(Service service) {
        List<String> command = new ArrayList<>(List.of(layout.java()));
        command.addAll(SERVICE_JVM);
        command.addAll(List.of("-jar", layout.serviceJar(service.module(), version).toString()));
        List<PortClaim> ports = new ArrayList<>(List.of(new PortClaim(service.httpPort(), service.name(), "HTTP port")));
        service.grpcPort().ifPresent(port -> ports.add(new PortClaim(port, service.name(), "gRPC port")));
        String url = "http://localhost:" + service.httpPort();
        String endpoint = service.grpcPort().isPresent() ? url + " (gRPC :" + service.grpcPort().getAsInt() + ")" : url;
        return new Part(service.name(), PartKind.SERVICE, command, serviceEnvironment(service), ports,
                Preparation.NONE,
                () -> new HttpHealthProbe(URI.create("http://127.0.0.1:" + service.httpPort() + "/actuator/health")),
                Duration.ofSeconds(120), endpoint, Optional.of(url + "/actuator/hawtio"));
    }

    Map<String, String> serviceEnvironment(String name) {
        return serviceEnvironment(service(name));
    }

    private Map<String, String> serviceEnvironment(Service service) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HTTP_PORT", Integer.toString(service.httpPort()));
        service.grpcPort().ifPresent(port -> environment.put("GRPC_PORT", Integer.toString(port)));
        environment.put("INSTANCE_ID", service.name());
        service.database().ifPresent(database -> {
            environment.put("DB_URL", jdbcUrl(database));
            environment.put("DB_USER", DB_USER);
            environment.put("DB_PASSWORD", DB_PASSWORD);
        });
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        environment.put("ZOOKEEPER_CONNECT", zookeeperConnect());
        environment.put("ORCHESTRATOR_URL", "http://127.0.0.1:" + service("orchestrator").httpPort());
        environment.put("STOCK_URL", "http://127.0.0.1:" + service("stock").httpPort());
        environment.put("PAYMENT_URL", "http://127.0.0.1:" + service("payment").httpPort());
        environment.put("TRANSACTION_VERIFICATION_GRPC", "127.0.0.1:" + service("transaction-verification").grpcPort().getAsInt());
        environment.put("FRAUD_DETECTION_GRPC", "127.0.0.1:" + service("fraud-detection").grpcPort().getAsInt());
        environment.put("SUGGESTIONS_GRPC", "127.0.0.1:" + service("suggestions").grpcPort().getAsInt());
        environment.put("ROUTES_DIR", layout.routes().toString());
        return environment;
    }

    private static Service service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    private static String projectVersion() {
        try (InputStream in = StackDefinition.class.getResourceAsStream("/local-stack.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing resource local-stack.properties: rebuild with make build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("project.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Service(String name, String module, int httpPort, OptionalInt grpcPort, Optional<String> database) {
    }
}

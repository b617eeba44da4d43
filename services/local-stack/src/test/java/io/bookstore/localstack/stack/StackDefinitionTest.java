package io.bookstore.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StackDefinitionTest {

    private static final StackLayout LAYOUT = new StackLayout(Path.of("../.."));

    private final StackDefinition stack = StackDefinition.load(LAYOUT, Map.of());

    @Test
    void infrastructureStartsBeforeTheServicesAndTheOrchestratorLast() {
        assertThat(stack.all()).extracting(Part::name).containsExactly(
                "zookeeper-1", "zookeeper-2", "zookeeper-3", "postgres", "kafka",
                "stock", "payment", "transaction-verification", "fraud-detection", "suggestions",
                "order-executor-1", "order-executor-2", "order-executor-3", "orchestrator");
    }

    @Test
    void everyClaimedPortIsDistinct() {
        List<Integer> ports = stack.portClaims().stream().map(PortClaim::port).toList();

        assertThat(ports).doesNotHaveDuplicates();
        assertThat(ports).contains(2181, 2182, 2183, 2888, 3888, 9092, 9093, 5432, 8081, 8084, 50051, 50052, 50053, 8091, 8093);
    }

    @Test
    void anOrderExecutorReplicaGetsItsOwnIdentityAndTheSharedDatabase() {
        Map<String, String> environment = stack.serviceEnvironment("order-executor-2");

        assertThat(environment).containsEntry("HTTP_PORT", "8092")
                .containsEntry("INSTANCE_ID", "order-executor-2")
                .containsEntry("DB_URL", "jdbc:postgresql://127.0.0.1:5432/order_executor")
                .containsEntry("ZOOKEEPER_CONNECT", "127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("ROUTES_DIR", LAYOUT.root().resolve("routes").toString())
                .doesNotContainKey("GRPC_PORT");
    }

    @Test
    void aGrpcServiceWithoutADatabaseGetsNoDatabaseSettings() {
        Map<String, String> environment = stack.serviceEnvironment("transaction-verification");

        assertThat(environment).containsEntry("HTTP_PORT", "8084")
                .containsEntry("GRPC_PORT", "50051")
                .containsEntry("STOCK_URL", "http://127.0.0.1:8082")
                .doesNotContainKeys("DB_URL", "DB_USER", "DB_PASSWORD");
    }

    @Test
    void everyServiceVariableTheServicesReadIsSetForTheOrchestrator() {
        Map<String, String> environment = stack.serviceEnvironment("orchestrator");

        assertThat(StackDefinition.SERVICE_VARIABLES).allSatisfy(variable -> {
            if (!variable.equals("GRPC_PORT")) {
                assertThat(environment).containsKey(variable);
            }
        });
        assertThat(environment).containsEntry("SUGGESTIONS_GRPC", "127.0.0.1:50053")
                .containsEntry("FRAUD_DETECTION_GRPC", "127.0.0.1:50052");
    }

    @Test
    void servicesRunTheirModuleJarWithFullJitAndASmallHeap() {
        Part replica = stack.services().stream().filter(p -> p.name().equals("order-executor-3")).findFirst().orElseThrow();

        assertThat(replica.command())
                .containsSubsequence("-XX:+UseSerialGC", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar")
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(replica.command().get(replica.command().size() - 1))
                .endsWith("services/order-executor/target/order-executor-1.0.0-SNAPSHOT.jar");
        assertThat(replica.hawtio()).hasValue("http://localhost:8093/actuator/hawtio");
    }

    @Test
    void pgPortMovesPostgresAndEveryDatabaseUrl() {
        StackDefinition moved = StackDefinition.load(LAYOUT, Map.of("PG_PORT", "55432"));

        assertThat(moved.portClaims()).filteredOn(claim -> claim.part().equals("postgres"))
                .extracting(PortClaim::port).containsExactly(55432);
        assertThat(moved.serviceEnvironment("stock")).containsEntry("DB_URL", "jdbc:postgresql://127.0.0.1:55432/stock");
    }

    @Test
    void aBadPgPortIsRejected() {
        assertThatThrownBy(() -> StackDefinition.postgresPort(Map.of("PG_PORT", "70000"))).hasMessageContaining("PG_PORT");
        assertThatThrownBy(() -> StackDefinition.postgresPort(Map.of("PG_PORT", "five"))).hasMessageContaining("PG_PORT");
    }

    @Test
    void theZooKeeperNodesRunQuorumPeerMainWithoutTheAdminServer() {
        Map<String, List<String>> commands = stack.infrastructure().stream()
                .filter(part -> part.kind() == PartKind.ZOOKEEPER)
                .collect(Collectors.toMap(Part::name, Part::command));

        assertThat(commands).hasSize(3);
        assertThat(commands.get("zookeeper-1")).contains("-Dzookeeper.admin.enableServer=false",
                "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                LAYOUT.root().resolve(".local/zookeeper/zoo-1.cfg").toString());
    }
}

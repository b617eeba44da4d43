package io.bookstore.fraud;

import static io.bookstore.fraud.Orders.clean;
import static io.bookstore.fraud.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.frauddetection.FraudDetectionGrpc;
import io.bookstore.contracts.order.Verdict;
import io.bookstore.testinfra.RealInfrastructure;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator routes as an operator changes them: a copy of routes/ is the running service's ROUTES_DIR, and the
 * test saves files in it while the service runs.
 */
@RealInfrastructure(database = "fraud_detection")
@CamelSpringBootTest
@SpringBootTest(classes = FraudDetectionApplication.class, properties = "server.port=0")
class OperatorRoutesReloadTest {

    private static final Path REPOSITORY_ROUTES = Path.of(Objects.requireNonNull(System.getenv("ROUTES_DIR"),
            "ROUTES_DIR names the repository's routes/ (the module's surefire configuration sets it)"));
    private static final Path ROUTES = copyOfTheOperatorRoutes();
    private static final Path BLOCKED_CARDS = ROUTES.resolve("fraud-detection/blocked-cards.yaml");
    private static final String SHIPPED_RULE = "\"${header.cardNumber} startsWith '4000000000000002'\"";
    private static final Duration RELOAD_BOUND = Duration.ofSeconds(10);
    private static final int GRPC_PORT = FreePorts.next();
    private static final VectorClock SENT = VectorClock.of(Map.of("orchestrator", 2L));
    private static final AtomicLong ORDERS = new AtomicLong(1_000_000_000L);

    private static ManagedChannel channel;
    private static FraudDetectionGrpc.FraudDetectionBlockingStub fraud;

    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void operatorRoutes(DynamicPropertyRegistry registry) {
        registry.add("ROUTES_DIR", ROUTES::toString);
        registry.add("grpc.port", () -> GRPC_PORT);
    }

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", GRPC_PORT).usePlaintext().build();
        fraud = FraudDetectionGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void disconnect() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(ROUTES)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void anEditedRouteChangesTheVerdictAndEveryJavaRouteKeepsRunning() throws IOException {
        Map<String, ServiceStatus> javaRoutes = javaRouteStatuses();
        assertThat(javaRoutes).isNotEmpty().containsKey("check-fraud");
        assertThat(check(nextCardStartingWith("555555"))).extracting(Verdict::getApproved).isEqualTo(true);

        long saved = System.nanoTime();
        rewrite(BLOCKED_CARDS, SHIPPED_RULE, "\"${header.cardNumber} startsWith '4000000000000002'"
                + " || ${header.cardNumber} startsWith '555555'\"");
        await().atMost(RELOAD_BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> "blocked card".equals(check(nextCardStartingWith("555555")).getReason()));
        System.out.printf("operator route reload: the verdict changed %d ms after the save%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved));

        assertThat(javaRouteStatuses()).isEqualTo(javaRoutes).allSatisfy((id, status) ->
                assertThat(status).as(id).isEqualTo(ServiceStatus.Started));
        assertThat(check(nextCardStartingWith("4111"))).extracting(Verdict::getApproved).isEqualTo(true);
    }

    @Test
    void aBrokenSaveIsLoggedAndTheRunningRouteKeepsAnswering() throws IOException {
        RouteWatcherReloadStrategy reload = camel.hasService(RouteWatcherReloadStrategy.class);
        int failedBefore = reload.getFailedCounter();

        save(BLOCKED_CARDS, "- route:\n    id: blocked-cards\n    from: [direct:blocked-cards\n");
        await().atMost(RELOAD_BOUND).until(() -> reload.getFailedCounter() > failedBefore);
        assertThat(reload.getLastError()).hasMessageContaining("blocked-cards.yaml");

        assertThat(camel.getRouteController().getRouteStatus("blocked-cards")).isEqualTo(ServiceStatus.Started);
        assertThat(check("4000000000000002").getReason()).isEqualTo("blocked card");
        assertThat(check(nextCardStartingWith("4111"))).extracting(Verdict::getApproved).isEqualTo(true);
        assertThat(javaRouteStatuses()).isNotEmpty().allSatisfy((id, status) ->
                assertThat(status).as(id).isEqualTo(ServiceStatus.Started));
    }

    private Map<String, ServiceStatus> javaRouteStatuses() {
        return camel.getRoutes().stream()
                .filter(route -> route.getSourceLocation() == null || !route.getSourceLocation().contains(".yaml"))
                .collect(Collectors.toMap(Route::getRouteId,
                        route -> camel.getRouteController().getRouteStatus(route.getRouteId())));
    }

    private static Verdict check(String cardNumber) {
        String orderId = "reload-" + ORDERS.incrementAndGet();
        return fraud.withDeadlineAfter(20, TimeUnit.SECONDS).check(request(clean(orderId, cardNumber), SENT));
    }

    /** A card of its own for every check, so that the velocity window of one card never fills. */
    private static String nextCardStartingWith(String prefix) {
        String digits = "%0" + (16 - prefix.length()) + "d";
        return prefix + String.format(digits, ORDERS.incrementAndGet() % 10_000_000_000L);
    }

    private static void rewrite(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        save(file, text.replace(from, to));
    }

    /**
     * Saves the whole file at once, as editors that write a copy and rename it do: the watcher sees the new text
     * only (a save that truncates first is also seen empty, which is logged as a failed reload and changes nothing).
     */
    private static void save(Path file, String text) throws IOException {
        Path draft = Files.writeString(ROUTES.resolve(file.getFileName() + ".draft"), text);
        Files.move(draft, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path copyOfTheOperatorRoutes() {
        try {
            Path copy = Files.createTempDirectory("routes");
            for (String folder : List.of("shared", "fraud-detection")) {
                Files.createDirectories(copy.resolve(folder));
                try (Stream<Path> files = Files.list(REPOSITORY_ROUTES.resolve(folder))) {
                    for (Path file : files.toList()) {
                        Files.copy(file, copy.resolve(folder).resolve(file.getFileName()));
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.bookstore.system;

import io.bookstore.testinfra.TestInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The services, started once per test JVM from their jars against the in-process ZooKeeper, Kafka and
 * PostgreSQL: stock, payment, the three verification services, two orchestrators and the three order executors
 * (order-executor-1..3, one ZooKeeper election) that run every approved order's checkout saga. Suggestions answers
 * after a deliberate delay; the main orchestrator's deadline allows it, the second one's does not.
 */
final class SystemUnderTest {

    static final Duration SUGGESTIONS_DELAY = Duration.ofMillis(2500);
    static final Duration DEADLINE = Duration.ofMillis(5000);
    static final Duration SHORT_DEADLINE = Duration.ofMillis(1000);
    /** Failure injection: the stock service reports this book out of stock, whatever it holds. */
    static final String SOLD_OUT_BOOK = "Domain-Driven Design";
    /** Every card may spend this much (cents), so a few copies of an expensive book are more than a card can pay. */
    static final long CARD_CREDIT_LIMIT = 20000;

    private static SystemUnderTest shared;

    final ServiceProcess stock;
    final ServiceProcess payment;
    final ServiceProcess transactionVerification;
    final ServiceProcess fraudDetection;
    final ServiceProcess suggestions;
    final ServiceProcess orchestrator;
    final ServiceProcess impatientOrchestrator;
    final List<ServiceProcess> orderExecutors = new ArrayList<>();

    private SystemUnderTest() {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        List.of("orchestrator", "orchestrator_impatient", "stock", "payment", "fraud_detection", "order_executor")
                .forEach(infrastructure::createDatabase);
        int stockPort = ServiceProcess.freePort();
        int paymentPort = ServiceProcess.freePort();
        int verificationGrpc = ServiceProcess.freePort();
        int fraudGrpc = ServiceProcess.freePort();
        int suggestionsGrpc = ServiceProcess.freePort();

        Map<String, String> common = new LinkedHashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        common.put("ZOOKEEPER_CONNECT", infrastructure.zookeeperConnect());
        common.put("DB_USER", TestInfrastructure.DB_USER);
        common.put("DB_PASSWORD", TestInfrastructure.DB_PASSWORD);
        common.put("STOCK_URL", "http://127.0.0.1:" + stockPort);
        common.put("PAYMENT_URL", "http://127.0.0.1:" + paymentPort);
        common.put("TRANSACTION_VERIFICATION_GRPC", "127.0.0.1:" + verificationGrpc);
        common.put("FRAUD_DETECTION_GRPC", "127.0.0.1:" + fraudGrpc);
        common.put("SUGGESTIONS_GRPC", "127.0.0.1:" + suggestionsGrpc);
        // the operator routes (tier ranks, blocked cards, outcome notifications) as `make up` runs them
        common.put("ROUTES_DIR", Path.of(System.getProperty("services.dir")).toAbsolutePath().normalize()
                .resolveSibling("routes").toString());

        List<ServiceProcess> started = new ArrayList<>();
        Map<String, String> stockEnvironment = with(common, "DB_URL", infrastructure.jdbcUrl("stock"));
        stockEnvironment.put("STOCK_ALWAYS_OUT_OF_STOCK", SOLD_OUT_BOOK);
        stock = track(started, ServiceProcess.start("stock", "stock", stockPort, stockEnvironment));
        Map<String, String> paymentEnvironment = with(common, "DB_URL", infrastructure.jdbcUrl("payment"));
        paymentEnvironment.put("PAYMENT_CARD_CREDIT_LIMIT", Long.toString(CARD_CREDIT_LIMIT));
        payment = track(started, ServiceProcess.start("payment", "payment", paymentPort, paymentEnvironment));
        transactionVerification = track(started, ServiceProcess.start("transaction-verification",
                "transaction-verification", ServiceProcess.freePort(), with(common, "GRPC_PORT", Integer.toString(verificationGrpc))));
        awaitAll(started);
        Map<String, String> fraud = with(common, "GRPC_PORT", Integer.toString(fraudGrpc));
        fraud.put("DB_URL", infrastructure.jdbcUrl("fraud_detection"));
        fraudDetection = track(started, ServiceProcess.start("fraud-detection", "fraud-detection", ServiceProcess.freePort(), fraud));
        Map<String, String> slowSuggestions = with(common, "GRPC_PORT", Integer.toString(suggestionsGrpc));
        slowSuggestions.put("VERIFICATION_DELAY", SUGGESTIONS_DELAY.toMillis() + "ms");
        suggestions = track(started, ServiceProcess.start("suggestions", "suggestions", ServiceProcess.freePort(), slowSuggestions));
        awaitAll(started);
        Map<String, String> patient = with(common, "DB_URL", infrastructure.jdbcUrl("orchestrator"));
        patient.put("VERIFICATION_DEADLINE_MS", Long.toString(DEADLINE.toMillis()));
        patient.put("VERIFICATION_TIMEOUT_MS", Long.toString(DEADLINE.toMillis() + 500));
        orchestrator = track(started, ServiceProcess.start("orchestrator", "orchestrator", ServiceProcess.freePort(), patient));
        Map<String, String> impatient = with(common, "DB_URL", infrastructure.jdbcUrl("orchestrator_impatient"));
        impatient.put("VERIFICATION_DEADLINE_MS", Long.toString(SHORT_DEADLINE.toMillis()));
        impatient.put("VERIFICATION_TIMEOUT_MS", Long.toString(SHORT_DEADLINE.toMillis() + 200));
        // a deployment of its own, with its own database: it must not share the executions' consumer group
        impatient.put("SPRING_APPLICATION_NAME", "orchestrator-impatient");
        impatientOrchestrator = track(started, ServiceProcess.start("orchestrator-impatient", "orchestrator",
                ServiceProcess.freePort(), impatient));
        awaitAll(started);
        Map<String, String> executor = with(common, "DB_URL", infrastructure.jdbcUrl("order_executor"));
        for (int replica = 1; replica <= 3; replica++) {
            orderExecutors.add(track(started, ServiceProcess.start("order-executor-" + replica, "order-executor",
                    ServiceProcess.freePort(), executor)));
        }
        awaitAll(started);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ServiceProcess.stopAll(started),
                "system-under-test-stop"));
    }

    static synchronized SystemUnderTest shared() {
        if (shared == null) {
            shared = new SystemUnderTest();
        }
        return shared;
    }

    private static ServiceProcess track(List<ServiceProcess> started, ServiceProcess process) {
        started.add(process);
        return process;
    }

    /** Waits for every started process at once: they start in parallel, a few at a time (2 cores). */
    private static void awaitAll(List<ServiceProcess> started) {
        try {
            CompletableFuture.allOf(started.stream()
                    .map(process -> CompletableFuture.runAsync(() -> process.awaitHealthy(Duration.ofMinutes(3))))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            started.forEach(ServiceProcess::kill);
            throw e;
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}

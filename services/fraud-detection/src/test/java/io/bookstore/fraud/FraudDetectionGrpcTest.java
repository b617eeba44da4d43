package io.bookstore.fraud;

import static io.bookstore.fraud.Orders.clean;
import static io.bookstore.fraud.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.frauddetection.FraudDetectionGrpc;
import io.bookstore.contracts.order.ClearOrder;
import io.bookstore.contracts.order.ClearOrderAck;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.contracts.order.Verdict;
import io.bookstore.testinfra.RealInfrastructure;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@RealInfrastructure(database = "fraud_detection")
@CamelSpringBootTest
@SpringBootTest(classes = {FraudDetectionApplication.class, FraudDetectionGrpcTest.June2026.class}, properties = {
        "server.port=0",
        "fraud.max-copies-per-order=5",
        "fraud.velocity.window=1m",
        "fraud.velocity.max-orders-per-contact=3",
        "fraud.velocity.max-orders-per-card=2",
        "fraud.velocity.purge-interval=200ms"})
@ExtendWith(OutputCaptureExtension.class)
class FraudDetectionGrpcTest {

    private static final int GRPC_PORT = FreePorts.next();
    private static final VectorClock SENT = VectorClock.of(Map.of("orchestrator", 2L));

    private static ManagedChannel channel;
    private static FraudDetectionGrpc.FraudDetectionBlockingStub fraud;

    @Autowired
    private MovableClock clock;
    @Autowired
    private JdbcTemplate database;
    @Autowired
    private CamelContext camel;

    @TestConfiguration
    static class June2026 {

        @Bean
        @Primary
        MovableClock june2026() {
            return new MovableClock(Instant.parse("2026-06-15T12:00:00Z"));
        }
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("grpc.port", () -> GRPC_PORT);
    }

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", GRPC_PORT).usePlaintext().build();
        fraud = FraudDetectionGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Verdict check(Order.Builder order) {
        return fraud.withDeadlineAfter(20, TimeUnit.SECONDS).check(request(order, SENT));
    }

    @Test
    void theRoutesACallRanHaveTheirExchangeMeters(@Autowired MeterRegistry meters) {
        check(clean("fd-metered", "5555 5555 5555 4444"));

        for (String route : List.of("fraud-detection-grpc", "check-fraud")) {
            assertThat(meters.find("camel.exchanges.total").tag("routeId", route).counter())
                    .as("the exchange counter of route %s", route).isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isPositive());
        }
    }

    @Test
    void approvesACleanOrder() {
        Verdict verdict = check(clean("fd-clean", "4111 1111 1111 1111"));

        assertThat(verdict.getApproved()).as(verdict.getReason()).isTrue();
        assertThat(verdict.getService()).isEqualTo("fraud-detection");
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                rejection("blocked name", o -> o.setUser(o.getUser().toBuilder().setName("Frank FRAUDSTER"))),
                rejection("blocked contact", o -> o.setUser(o.getUser().toBuilder().setContact("fraud.ring@example.org"))),
                rejection("blocked card", o -> o.setCreditCard(o.getCreditCard().toBuilder().setNumber("4000 0000 0000 0002"))),
                rejection("blocked card", o -> o.setCreditCard(o.getCreditCard().toBuilder().setNumber("4000-0000-0000-0002"))),
                rejection("suspicious card number", o -> o.setCreditCard(o.getCreditCard().toBuilder().setNumber("0000000000000"))),
                rejection("suspicious expiration date", o -> o.setCreditCard(o.getCreditCard().toBuilder().setExpirationDate("07/36"))),
                rejection("unusually large order", o -> o.addLines(OrderLine.newBuilder().setTitle("Emma").setQuantity(5))),
                rejection("missing order id", o -> o.setOrderId("")));
    }

    private static Arguments rejection(String reason, UnaryOperator<Order.Builder> change) {
        return Arguments.of(reason, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsSuspiciousOrders(String reason, UnaryOperator<Order.Builder> change) {
        Verdict verdict = check(change.apply(clean("fd-rejected-" + reason.hashCode(), "5555 5555 5555 4444")));

        assertThat(verdict.getApproved()).isFalse();
        assertThat(verdict.getReason()).isEqualTo(reason);
    }

    @Test
    void acceptsAnExpiryAtTheEdgeOfPlausibility() {
        Verdict verdict = check(clean("fd-expiry-edge", "4012888888881881").setCreditCard(
                clean("fd-expiry-edge", "4012888888881881").getCreditCard().toBuilder().setExpirationDate("06/36")));

        assertThat(verdict.getApproved()).as(verdict.getReason()).isTrue();
    }

    @Test
    void limitsOrdersPerCardWithinTheWindowAndCountsARecheckOnce() {
        String card = "6011 1111 1111 1117";

        assertThat(check(clean("fd-card-1", card)).getApproved()).isTrue();
        assertThat(check(clean("fd-card-2", card)).getApproved()).isTrue();
        assertThat(check(clean("fd-card-1", card)).getApproved()).isTrue();
        Verdict third = check(clean("fd-card-3", card));

        assertThat(third.getApproved()).isFalse();
        assertThat(third.getReason()).isEqualTo("too many orders for this card");
    }

    @Test
    void limitsOrdersPerContactWithinTheWindow() {
        for (int order = 1; order <= 3; order++) {
            Verdict verdict = check(clean("fd-contact-" + order, "41111111111111" + (10 + order))
                    .setUser(clean("", "").getUser().toBuilder().setContact("Grace@Example.org ")));
            assertThat(verdict.getApproved()).as(verdict.getReason()).isTrue();
        }
        Verdict fourth = check(clean("fd-contact-4", "4111111111111199")
                .setUser(clean("", "").getUser().toBuilder().setContact("grace@example.org")));

        assertThat(fourth.getApproved()).isFalse();
        assertThat(fourth.getReason()).isEqualTo("too many orders for this contact");
    }

    @Test
    void concurrentOrdersNeverOverfillTheWindow() throws Exception {
        String card = "4000 0566 5566 5556";
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verdict>> verdicts = new ArrayList<>();
            for (int order = 1; order <= 8; order++) {
                Order.Builder concurrent = clean("fd-concurrent-" + order, card);
                verdicts.add(callers.submit(() -> check(concurrent)));
            }
            long approved = 0;
            for (Future<Verdict> verdict : verdicts) {
                approved += verdict.get(30, TimeUnit.SECONDS).getApproved() ? 1 : 0;
            }

            assertThat(approved).isEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theWindowSlides() {
        String card = "5105 1051 0510 5100";
        check(clean("fd-slide-1", card));
        check(clean("fd-slide-2", card));
        assertThat(check(clean("fd-slide-3", card)).getApproved()).isFalse();

        clock.advance(Duration.ofSeconds(61));

        assertThat(check(clean("fd-slide-3", card)).getApproved()).isTrue();
    }

    @Test
    void keepsOnlyHashesOfCardsAndContacts() {
        check(clean("fd-hashed", "4242 4242 4242 4242"));

        List<String> rows = database.queryForList("select subject || ' ' || orders::text from velocity_window", String.class);
        assertThat(rows).noneMatch(row -> row.contains("4242424242424242") || row.contains("fd-hashed@example.org"));
        assertThat(rows).anyMatch(row -> row.startsWith("card:" + sha256("4242424242424242") + " ")
                && row.contains("\"fd-hashed\""));
        assertThat(rows).anyMatch(row -> row.startsWith("contact:" + sha256("fd-hashed@example.org") + " "));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void purgesWindowsThatWentIdle() {
        check(clean("fd-idle", "3782 822463 10005"));
        String subject = "card:" + sha256("378282246310005");
        assertThat(windowsOf(subject)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        NotifyBuilder purged = new NotifyBuilder(camel).fromRoute("velocity-window-purge").whenDone(2).create();

        assertThat(purged.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(windowsOf(subject)).isZero();
    }

    private int windowsOf(String subject) {
        return database.queryForObject("select count(*) from velocity_window where subject = ?", Integer.class, subject);
    }

    @Test
    void theReplyClockCountsTheReceiptAndEachEventAfterTheRequest(CapturedOutput output) {
        Verdict verdict = check(clean("fd-clock", "4111111111111111"));

        VectorClock reply = VectorClocks.fromProto(verdict.getClock());
        assertThat(SENT.happenedBefore(reply)).isTrue();
        assertThat(reply).isEqualTo(VectorClock.of(Map.of("orchestrator", 2L, "fraud-detection", 3L)));
        assertThat(output.getOut()).containsSubsequence(
                "orderId=fd-clock event=received vc=fraud-detection=1,orchestrator=2",
                "[order=fd-clock vc=fraud-detection=2,orchestrator=2]",
                "orderId=fd-clock event=d: user data screened vc=fraud-detection=2,orchestrator=2",
                "orderId=fd-clock event=e: card screened vc=fraud-detection=3,orchestrator=2");
    }

    @Test
    void clearKeepsTheCopyWhileTheFinalClockIsBehindAndDropsItOnceItCaughtUp() {
        VectorClock own = VectorClocks.fromProto(check(clean("fd-clear", "4111111111111111")).getClock());

        ClearOrderAck behind = clear("fd-clear", SENT.tick("orchestrator"));
        assertThat(behind.getCleared()).isFalse();
        assertThat(VectorClocks.fromProto(behind.getClock())).isEqualTo(own);

        assertThat(clear("fd-clear", own.tick("orchestrator")).getCleared()).isTrue();
        assertThat(clear("fd-clear", VectorClock.empty()).getClock().getEntriesMap()).isEmpty();
    }

    private static ClearOrderAck clear(String orderId, VectorClock finalClock) {
        return fraud.withDeadlineAfter(20, TimeUnit.SECONDS).clear(ClearOrder.newBuilder()
                .setOrderId(orderId).setFinalClock(VectorClocks.toProto(finalClock)).build());
    }

    @Test
    void answersTheStandardHealthCheckOnTheSamePort() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);

        assertThat(health.check(HealthCheckRequest.newBuilder()
                .setService("io.bookstore.contracts.frauddetection.FraudDetection").build()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }
}

package io.bookstore.transactionverification;

import static io.bookstore.catalog.CatalogFixture.book;
import static io.bookstore.transactionverification.Orders.request;
import static io.bookstore.transactionverification.Orders.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.catalog.CatalogFixture;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.Address;
import io.bookstore.contracts.order.ClearOrder;
import io.bookstore.contracts.order.ClearOrderAck;
import io.bookstore.contracts.order.CreditCard;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.contracts.order.User;
import io.bookstore.contracts.order.Verdict;
import io.bookstore.contracts.transactionverification.TransactionVerificationGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@CamelSpringBootTest
@SpringBootTest(classes = {TransactionVerificationApplication.class, TransactionVerificationGrpcTest.June2026.class},
        properties = {"server.port=0", "catalog.page-size=2", "catalog.ttl=1h", "verification.max-quantity=10"})
@ExtendWith(OutputCaptureExtension.class)
class TransactionVerificationGrpcTest {

    private static final int GRPC_PORT = FreePorts.next();
    private static final CatalogFixture CATALOG = CatalogFixture.serving(List.of(
            book("9780441013593", "Dune", "Frank Herbert", "Science Fiction"),
            book("9780441172719", "Dune Messiah", "Frank Herbert", "Science Fiction"),
            book("9780261103573", "The Lord of the Rings", "J. R. R. Tolkien", "Fantasy"),
            book("9780553293357", "Foundation", "Isaac Asimov", "Science Fiction"),
            book("9780141439518", "Pride and Prejudice", "Jane Austen", "Classics")));
    private static final VectorClock SENT = VectorClock.of(Map.of("orchestrator", 3L));

    private static ManagedChannel channel;
    private static TransactionVerificationGrpc.TransactionVerificationBlockingStub verification;

    @TestConfiguration
    static class June2026 {

        @Bean
        @Primary
        Clock june2026() {
            return Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("grpc.port", () -> GRPC_PORT);
        registry.add("stock.url", CATALOG::url);
    }

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", GRPC_PORT).usePlaintext().build();
        verification = TransactionVerificationGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Verdict verify(Order.Builder order) {
        return verification.withDeadlineAfter(20, TimeUnit.SECONDS).verify(request(order, SENT));
    }

    @Test
    void theRoutesACallRanHaveTheirExchangeMeters(@Autowired MeterRegistry meters) {
        verify(valid("tv-metered"));

        for (String route : List.of("transaction-verification-grpc", "verify-transaction")) {
            assertThat(meters.find("camel.exchanges.total").tag("routeId", route).counter())
                    .as("the exchange counter of route %s", route).isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isPositive());
        }
    }

    @Test
    void approvesAValidOrder() {
        Verdict verdict = verify(valid("tv-approved"));

        assertThat(verdict.getApproved()).isTrue();
        assertThat(verdict.getReason()).isEmpty();
        assertThat(verdict.getService()).isEqualTo("transaction-verification");
    }

    static Stream<Arguments> acceptableVariants() {
        return Stream.of(
                Arguments.of("title in another case and spacing", (UnaryOperator<Order.Builder>) o -> o.clearLines()
                        .addLines(OrderLine.newBuilder().setTitle("  the lord of   THE rings ").setQuantity(2))),
                Arguments.of("book id without a title", (UnaryOperator<Order.Builder>) o -> o.clearLines()
                        .addLines(OrderLine.newBuilder().setBookId("9780553293357").setQuantity(1))),
                Arguments.of("a book on the last catalog page", (UnaryOperator<Order.Builder>) o -> o
                        .addLines(OrderLine.newBuilder().setTitle("Pride and Prejudice").setQuantity(10))),
                Arguments.of("card expiring this month", (UnaryOperator<Order.Builder>) o -> o
                        .setCreditCard(o.getCreditCard().toBuilder().setExpirationDate("06/26"))),
                Arguments.of("15-digit card with a 4-digit CVV", (UnaryOperator<Order.Builder>) o -> o
                        .setCreditCard(CreditCard.newBuilder().setNumber("378282246310005").setExpirationDate("01/27").setCvv("1234"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptableVariants")
    void approvesAcceptableVariants(String variant, UnaryOperator<Order.Builder> change) {
        Verdict verdict = verify(change.apply(valid("tv-variant-" + variant.hashCode())));

        assertThat(verdict.getApproved()).as(verdict.getReason()).isTrue();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                rejection("no items", o -> o.clearLines()),
                rejection("item without a title", o -> o.addLines(OrderLine.newBuilder().setQuantity(1))),
                rejection("invalid quantity for Dune", o -> o.setLines(0, OrderLine.newBuilder().setTitle("Dune").setQuantity(0))),
                rejection("too many copies of Dune (at most 10)",
                        o -> o.setLines(0, OrderLine.newBuilder().setTitle("Dune").setQuantity(11))),
                rejection("unknown book: Dune 2", o -> o.addLines(OrderLine.newBuilder().setTitle("Dune 2").setQuantity(1))),
                rejection("unknown book: 9780000000000",
                        o -> o.addLines(OrderLine.newBuilder().setBookId("9780000000000").setQuantity(1))),
                rejection("missing name", o -> o.setUser(User.newBuilder().setContact("ada@example.org"))),
                rejection("missing contact", o -> o.setUser(User.newBuilder().setName("Ada Lovelace"))),
                rejection("missing billing address", o -> o.clearBillingAddress()),
                rejection("missing billing street", o -> o.setBillingAddress(o.getBillingAddress().toBuilder().clearStreet())),
                rejection("missing billing city", o -> o.setBillingAddress(o.getBillingAddress().toBuilder().setCity(" "))),
                rejection("missing billing zip code", o -> o.setBillingAddress(o.getBillingAddress().toBuilder().clearZip())),
                rejection("missing billing country", o -> o.setBillingAddress(Address.newBuilder()
                        .setStreet("1 Main St").setCity("Tartu").setZip("50090"))),
                rejection("terms and conditions not accepted", o -> o.setTermsAccepted(false)),
                rejection("missing card number", o -> o.setCreditCard(o.getCreditCard().toBuilder().clearNumber())),
                rejection("invalid card number", o -> o.setCreditCard(o.getCreditCard().toBuilder().setNumber("4111111111111112"))),
                rejection("invalid card number", o -> o.setCreditCard(o.getCreditCard().toBuilder().setNumber("411111111111"))),
                rejection("invalid card number", o -> o.setCreditCard(o.getCreditCard().toBuilder().setNumber("4111-1111-1111-111a"))),
                rejection("invalid expiration date", o -> o.setCreditCard(o.getCreditCard().toBuilder().setExpirationDate("13/27"))),
                rejection("invalid expiration date", o -> o.setCreditCard(o.getCreditCard().toBuilder().setExpirationDate("2030-12"))),
                rejection("credit card expired", o -> o.setCreditCard(o.getCreditCard().toBuilder().setExpirationDate("05/26"))),
                rejection("invalid CVV", o -> o.setCreditCard(o.getCreditCard().toBuilder().setCvv("12"))),
                rejection("invalid CVV", o -> o.setCreditCard(o.getCreditCard().toBuilder().setCvv("12345"))),
                rejection("missing order id", o -> o.setOrderId("")));
    }

    private static Arguments rejection(String reason, UnaryOperator<Order.Builder> change) {
        return Arguments.of(reason, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithAReadableReason(String reason, UnaryOperator<Order.Builder> change) {
        Verdict verdict = verify(change.apply(valid("tv-rejected-" + reason.hashCode())));

        assertThat(verdict.getApproved()).isFalse();
        assertThat(verdict.getReason()).isEqualTo(reason);
    }

    @Test
    void theFirstFailingEventDecides() {
        Verdict verdict = verify(valid("tv-first-failure").clearLines().setTermsAccepted(false));

        assertThat(verdict.getReason()).isEqualTo("no items");
    }

    @Test
    void readsTheCatalogPageByPageOnceForManyOrders() {
        verify(valid("tv-catalog-1"));
        verify(valid("tv-catalog-2"));

        assertThat(CATALOG.queries()).containsExactly("page=0&size=2", "page=1&size=2", "page=2&size=2");
    }

    @Test
    void theReplyClockCountsTheReceiptAndEachEventAfterTheRequest(CapturedOutput output) {
        Verdict verdict = verify(valid("tv-clock"));

        VectorClock reply = VectorClocks.fromProto(verdict.getClock());
        assertThat(reply.dominates(SENT)).isTrue();
        assertThat(SENT.happenedBefore(reply)).isTrue();
        assertThat(reply).isEqualTo(VectorClock.of(Map.of("orchestrator", 3L, "transaction-verification", 4L)));
        assertThat(output.getOut())
                .contains("[order=tv-clock vc=orchestrator=3,transaction-verification=1]",
                        "orderId=tv-clock event=received vc=orchestrator=3,transaction-verification=1")
                .containsSubsequence(
                        "orderId=tv-clock event=a: items checked vc=orchestrator=3,transaction-verification=2",
                        "orderId=tv-clock event=b: user data checked vc=orchestrator=3,transaction-verification=3",
                        "orderId=tv-clock event=c: card checked vc=orchestrator=3,transaction-verification=4");
    }

    @Test
    void aRejectionStopsTheClockAtTheFailingEvent() {
        Verdict verdict = verify(valid("tv-clock-rejected").setTermsAccepted(false));

        assertThat(VectorClocks.fromProto(verdict.getClock()).get("transaction-verification")).isEqualTo(3);
    }

    @Test
    void aRepeatedRequestContinuesTheOrdersClock() {
        verify(valid("tv-retry"));
        Verdict again = verify(valid("tv-retry"));

        assertThat(VectorClocks.fromProto(again.getClock()).get("transaction-verification")).isEqualTo(8);
    }

    @Test
    void clearKeepsTheCopyWhileTheFinalClockIsBehindAndDropsItOnceItCaughtUp(CapturedOutput output) {
        VectorClock own = VectorClocks.fromProto(verify(valid("tv-clear")).getClock());

        ClearOrderAck behind = clear("tv-clear", SENT.tick("orchestrator"));
        assertThat(behind.getCleared()).isFalse();
        assertThat(VectorClocks.fromProto(behind.getClock())).isEqualTo(own);
        assertThat(output.getOut()).contains("orderId=tv-clear not cleared: own clock " + own
                + " is ahead of the final clock orchestrator=4");

        ClearOrderAck caughtUp = clear("tv-clear", own.tick("orchestrator"));
        assertThat(caughtUp.getCleared()).isTrue();
        assertThat(VectorClocks.fromProto(caughtUp.getClock())).isEqualTo(own);

        ClearOrderAck nothingHeld = clear("tv-clear", VectorClock.empty());
        assertThat(nothingHeld.getCleared()).isTrue();
        assertThat(nothingHeld.getClock().getEntriesMap()).isEmpty();
    }

    private static ClearOrderAck clear(String orderId, VectorClock finalClock) {
        return verification.withDeadlineAfter(20, TimeUnit.SECONDS).clear(ClearOrder.newBuilder()
                .setOrderId(orderId).setFinalClock(VectorClocks.toProto(finalClock)).build());
    }

    @Test
    void answersTheStandardHealthCheckOnTheSamePort() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);

        assertThat(health.check(HealthCheckRequest.newBuilder()
                .setService("io.bookstore.contracts.transactionverification.TransactionVerification").build()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    }
}

package io.bookstore.suggestions;

import static io.bookstore.catalog.CatalogFixture.book;
import static org.apache.camel.builder.Builder.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.catalog.CatalogFixture;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.ClearOrder;
import io.bookstore.contracts.order.ClearOrderAck;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.contracts.order.VerificationRequest;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.PricedLine;
import io.bookstore.contracts.suggestions.BookSuggestionsGrpc;
import io.bookstore.contracts.suggestions.SuggestedBook;
import io.bookstore.contracts.suggestions.Suggestions;
import io.bookstore.testinfra.RealInfrastructure;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@RealInfrastructure
@CamelSpringBootTest
@SpringBootTest(classes = SuggestionsApplication.class, properties = {"server.port=0", "catalog.page-size=4"})
@ExtendWith(OutputCaptureExtension.class)
class SuggestionsGrpcTest {

    private static final int GRPC_PORT = FreePorts.next();
    private static final CatalogFixture CATALOG = CatalogFixture.serving(List.of(
            book("9780441013593", "Dune", "Frank Herbert", "Science Fiction"),
            book("9780441172719", "Dune Messiah", "Frank Herbert", "Science Fiction"),
            book("9780553293357", "Foundation", "Isaac Asimov", "Science Fiction"),
            book("9780261102217", "The Hobbit", "J. R. R. Tolkien", "Fantasy"),
            book("9780261103573", "The Lord of the Rings", "J. R. R. Tolkien", "Fantasy"),
            book("9780141439518", "Pride and Prejudice", "Jane Austen", "Classics"),
            book("9780141439587", "Emma", "Jane Austen", "Classics"),
            book("9780307387899", "The Road", "Cormac McCarthy", "Literary Fiction", 0),
            book("9780062316097", "Sapiens", "Yuval Noah Harari", "History"),
            book("9780140449136", "Crime and Punishment", "Fyodor Dostoevsky", "Russian Classics")));
    private static final VectorClock SENT = VectorClock.of(Map.of("orchestrator", 1L));

    private static ManagedChannel channel;
    private static BookSuggestionsGrpc.BookSuggestionsBlockingStub suggestions;

    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("grpc.port", () -> GRPC_PORT);
        registry.add("stock.url", CATALOG::url);
    }

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("localhost", GRPC_PORT).usePlaintext().build();
        suggestions = BookSuggestionsGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static Suggestions suggest(String orderId, OrderLine... lines) {
        return suggestions.withDeadlineAfter(20, TimeUnit.SECONDS).suggest(VerificationRequest.newBuilder()
                .setOrder(Order.newBuilder().setOrderId(orderId).addAllLines(List.of(lines)))
                .setClock(VectorClocks.toProto(SENT))
                .build());
    }

    private static OrderLine titled(String title) {
        return OrderLine.newBuilder().setTitle(title).setQuantity(1).build();
    }

    private static List<String> titles(Suggestions suggested) {
        return suggested.getBooksList().stream().map(SuggestedBook::getTitle).toList();
    }

    @Test
    void theRoutesACallRanHaveTheirExchangeMeters(@Autowired MeterRegistry meters) {
        suggest("sg-metered", titled("Dune"));

        for (String route : List.of("suggestions-grpc", "suggest-books")) {
            assertThat(meters.find("camel.exchanges.total").tag("routeId", route).counter())
                    .as("the exchange counter of route %s", route).isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isPositive());
        }
    }

    @Test
    void suggestsThreeBooksNoneOfThemOrdered() {
        Suggestions suggested = suggest("sg-three", titled("Dune"), titled("dune messiah"),
                OrderLine.newBuilder().setBookId("9780553293357").setQuantity(1).build());

        assertThat(titles(suggested)).hasSize(3).doesNotContain("Dune", "Dune Messiah", "Foundation");
        assertThat(suggested.getBooks(0).getAuthor()).isNotBlank();
        assertThat(suggested.getBooks(0).getBookId()).isNotBlank();
    }

    @Test
    void suggestsTheSameAuthorFirst() {
        Suggestions suggested = suggest("sg-author", titled("The Hobbit"));

        assertThat(titles(suggested)).startsWith("The Lord of the Rings").doesNotContain("The Hobbit", "The Road");
    }

    @Test
    void learnsBooksBoughtTogetherFromPaidOrdersOnKafka() throws Exception {
        NotifyBuilder learned = new NotifyBuilder(camel).fromRoute("purchase-history-learn")
                .filter(header(KafkaConstants.KEY).isEqualTo("sg-paid-together")).whenDone(1).create();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", System.getProperty("KAFKA_BOOTSTRAP_SERVERS")),
                new StringSerializer(), new ByteArraySerializer())) {
            publish(producer, outcome("sg-rejected-together", OrderOutcome.Status.REJECTED,
                    "9780140449136", "9780261102217"));
            publish(producer, outcome("sg-paid-together", OrderOutcome.Status.PAID,
                    "9780140449136", "9780307387899", "9780141439587"));
        }
        assertThat(learned.matches(60, TimeUnit.SECONDS)).isTrue();

        Suggestions suggested = suggest("sg-together", titled("Crime and Punishment"));

        assertThat(titles(suggested)).startsWith("Emma").doesNotContain("Crime and Punishment", "The Road", "The Hobbit");
    }

    private static OrderOutcome outcome(String orderId, OrderOutcome.Status status, String... bookIds) {
        OrderOutcome.Builder outcome = OrderOutcome.newBuilder().setOrderId(orderId).setStatus(status);
        for (String bookId : bookIds) {
            outcome.addLines(PricedLine.newBuilder().setItemId(bookId).setQuantity(1).setUnitPrice(1299));
        }
        return outcome.build();
    }

    private static void publish(KafkaProducer<String, byte[]> producer, OrderOutcome outcome) throws Exception {
        producer.send(new ProducerRecord<>("orders.outcomes", outcome.getOrderId(), outcome.toByteArray())).get();
    }

    @Test
    void theReplyClockCountsTheReceiptAndTheSuggestionEvent(CapturedOutput output) {
        Suggestions suggested = suggest("sg-clock", titled("Emma"));

        VectorClock reply = VectorClocks.fromProto(suggested.getClock());
        assertThat(SENT.happenedBefore(reply)).isTrue();
        assertThat(reply).isEqualTo(VectorClock.of(Map.of("orchestrator", 1L, "suggestions", 2L)));
        assertThat(output.getOut()).containsSubsequence(
                "orderId=sg-clock event=received vc=orchestrator=1,suggestions=1",
                "[order=sg-clock vc=orchestrator=1,suggestions=2]",
                "orderId=sg-clock event=f: books suggested vc=orchestrator=1,suggestions=2");
    }

    @Test
    void clearKeepsTheCopyWhileTheFinalClockIsBehindAndDropsItOnceItCaughtUp() {
        VectorClock own = VectorClocks.fromProto(suggest("sg-clear", titled("Emma")).getClock());

        ClearOrderAck behind = clear("sg-clear", SENT.tick("orchestrator"));
        assertThat(behind.getCleared()).isFalse();
        assertThat(VectorClocks.fromProto(behind.getClock())).isEqualTo(own);

        assertThat(clear("sg-clear", own.tick("orchestrator")).getCleared()).isTrue();
        assertThat(clear("sg-clear", VectorClock.empty()).getClock().getEntriesMap()).isEmpty();
    }

    private static ClearOrderAck clear(String orderId, VectorClock finalClock) {
        return suggestions.withDeadlineAfter(20, TimeUnit.SECONDS).clear(ClearOrder.newBuilder()
                .setOrderId(orderId).setFinalClock(VectorClocks.toProto(finalClock)).build());
    }

    @Test
    void answersTheStandardHealthCheckOnTheSamePort() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);

        assertThat(health.check(HealthCheckRequest.newBuilder()
                .setService("io.bookstore.contracts.suggestions.BookSuggestions").build()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }
}

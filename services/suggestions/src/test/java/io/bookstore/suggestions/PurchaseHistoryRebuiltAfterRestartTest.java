package io.bookstore.suggestions;

import static io.bookstore.catalog.CatalogFixture.book;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.catalog.CatalogFixture;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.contracts.order.VerificationRequest;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.PricedLine;
import io.bookstore.contracts.suggestions.BookSuggestionsGrpc;
import io.bookstore.contracts.suggestions.SuggestedBook;
import io.bookstore.testinfra.RealInfrastructure;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The history lives in the Kafka log: a restarted instance of the same consumer group learns it all again. */
@RealInfrastructure
class PurchaseHistoryRebuiltAfterRestartTest {

    private static final CatalogFixture CATALOG = CatalogFixture.serving(List.of(
            book("9780441013593", "Dune", "Frank Herbert", "Science Fiction"),
            book("9780553293357", "Foundation", "Isaac Asimov", "Science Fiction"),
            book("9780062316097", "Sapiens", "Yuval Noah Harari", "History")));

    @Test
    void aRestartedInstanceRelearnsPaidOrdersFromTheBeginningOfTheLog() throws Exception {
        try (ConfigurableApplicationContext first = start(FreePorts.next())) {
            publishPaidOrder("sg-restart-paid", "9780062316097", "9780553293357");
            awaitFirstSuggestionForSapiens(first, "Foundation");
        }

        try (ConfigurableApplicationContext restarted = start(FreePorts.next())) {
            awaitFirstSuggestionForSapiens(restarted, "Foundation");
        }
    }

    private static ConfigurableApplicationContext start(int grpcPort) {
        return new SpringApplicationBuilder(SuggestionsApplication.class).run(
                "--grpc.port=" + grpcPort,
                "--server.port=0",
                "--stock.url=" + CATALOG.url(),
                "--bookstore.instance-id=suggestions-restarting");
    }

    private static void publishPaidOrder(String orderId, String... bookIds) throws Exception {
        OrderOutcome.Builder outcome = OrderOutcome.newBuilder().setOrderId(orderId).setStatus(OrderOutcome.Status.PAID);
        for (String bookId : bookIds) {
            outcome.addLines(PricedLine.newBuilder().setItemId(bookId).setQuantity(1).setUnitPrice(1299));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", System.getProperty("KAFKA_BOOTSTRAP_SERVERS")),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("orders.outcomes", orderId, outcome.build().toByteArray())).get();
        }
    }

    private static void awaitFirstSuggestionForSapiens(ConfigurableApplicationContext app, String expected)
            throws InterruptedException {
        int grpcPort = app.getEnvironment().getRequiredProperty("grpc.port", Integer.class);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext().build();
        try {
            BookSuggestionsGrpc.BookSuggestionsBlockingStub suggestions = BookSuggestionsGrpc.newBlockingStub(channel);
            VerificationRequest request = VerificationRequest.newBuilder()
                    .setOrder(Order.newBuilder().setOrderId("sg-restart-order")
                            .addLines(OrderLine.newBuilder().setTitle("Sapiens").setQuantity(1)))
                    .setClock(VectorClocks.toProto(VectorClock.empty().tick("orchestrator")))
                    .build();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(suggestions.withDeadlineAfter(10, TimeUnit.SECONDS).suggest(request).getBooksList())
                            .extracting(SuggestedBook::getTitle)
                            .startsWith(expected));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

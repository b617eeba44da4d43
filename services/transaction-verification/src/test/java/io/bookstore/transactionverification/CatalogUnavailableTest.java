package io.bookstore.transactionverification;

import static io.bookstore.transactionverification.Orders.request;
import static io.bookstore.transactionverification.Orders.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.transactionverification.TransactionVerificationGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A catalog that cannot be read is a failure of the call, never a rejection of the order. */
@CamelSpringBootTest
@SpringBootTest(classes = TransactionVerificationApplication.class, properties = "server.port=0")
class CatalogUnavailableTest {

    private static final int GRPC_PORT = FreePorts.next();

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("grpc.port", () -> GRPC_PORT);
        registry.add("stock.url", () -> "http://localhost:" + FreePorts.next());
    }

    @Test
    void failsTheCallWhenTheStockServiceIsDown() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", GRPC_PORT).usePlaintext().build();
        try {
            TransactionVerificationGrpc.TransactionVerificationBlockingStub verification =
                    TransactionVerificationGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);

            assertThatThrownBy(() -> verification.verify(request(valid("tv-no-catalog"), VectorClock.empty())))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

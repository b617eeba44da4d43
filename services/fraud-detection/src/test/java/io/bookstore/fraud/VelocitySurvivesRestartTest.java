package io.bookstore.fraud;

import static io.bookstore.fraud.Orders.clean;
import static io.bookstore.fraud.Orders.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.frauddetection.FraudDetectionGrpc;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.Verdict;
import io.bookstore.testinfra.RealInfrastructure;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The velocity windows live in PostgreSQL: a service started after a restart goes on counting the same window. */
@RealInfrastructure(database = "fraud_detection")
class VelocitySurvivesRestartTest {

    private static final String CARD = "3566 0020 2036 0505";

    @Test
    void aRestartedServiceStillCountsTheOrdersOfTheWindow() throws InterruptedException {
        int firstPort = FreePorts.next();
        try (ConfigurableApplicationContext first = start(firstPort)) {
            assertThat(check(firstPort, clean("fd-restart-1", CARD)).getApproved()).isTrue();
            assertThat(check(firstPort, clean("fd-restart-2", CARD)).getApproved()).isTrue();
        }

        int secondPort = FreePorts.next();
        try (ConfigurableApplicationContext second = start(secondPort)) {
            Verdict third = check(secondPort, clean("fd-restart-3", CARD));

            assertThat(third.getApproved()).isFalse();
            assertThat(third.getReason()).isEqualTo("too many orders for this card");
        }
    }

    private static ConfigurableApplicationContext start(int grpcPort) {
        return new SpringApplicationBuilder(FraudDetectionApplication.class).run(
                "--grpc.port=" + grpcPort,
                "--server.port=0",
                "--fraud.velocity.window=10m",
                "--fraud.velocity.max-orders-per-card=2");
    }

    private static Verdict check(int grpcPort, Order.Builder order) throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcPort).usePlaintext().build();
        try {
            return FraudDetectionGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .check(request(order, VectorClock.empty().tick("orchestrator")));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}

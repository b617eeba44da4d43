package io.bookstore.transactionverification;

import io.bookstore.contracts.transactionverification.TransactionVerificationGrpc;
import io.bookstore.causality.OrderChecks;
import io.bookstore.causality.OrderClockCache;
import io.bookstore.grpc.health.GrpcHealth;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TransactionVerificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(TransactionVerificationApplication.class, args);
    }

    /** What "today" is for card expiry; tests replace it with a fixed clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The standard gRPC health service, on the gRPC port, for this service's API. */
    @Bean
    GrpcHealth grpcHealth() {
        return new GrpcHealth(TransactionVerificationGrpc.SERVICE_NAME);
    }

    /** Each check ticks the order's clock; the first failed one is the verdict. */
    @Bean
    OrderChecks orderChecks(OrderClockCache orderClocks, @Value("${bookstore.instance-id}") String node,
                            @Value("${spring.application.name}") String service) {
        return new OrderChecks(orderClocks, node, service);
    }
}

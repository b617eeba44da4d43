package io.bookstore.fraud;

import io.bookstore.contracts.frauddetection.FraudDetectionGrpc;
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
public class FraudDetectionApplication {

    public static void main(String[] args) {
        SpringApplication.run(FraudDetectionApplication.class, args);
    }

    /** The time of card expiry rules and velocity windows; tests replace it with a clock they move. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The standard gRPC health service, on the gRPC port, for this service's API. */
    @Bean
    GrpcHealth grpcHealth() {
        return new GrpcHealth(FraudDetectionGrpc.SERVICE_NAME);
    }

    /** Each check ticks the order's clock; the first failed one is the verdict. */
    @Bean
    OrderChecks orderChecks(OrderClockCache orderClocks, @Value("${bookstore.instance-id}") String node,
                            @Value("${spring.application.name}") String service) {
        return new OrderChecks(orderClocks, node, service);
    }
}

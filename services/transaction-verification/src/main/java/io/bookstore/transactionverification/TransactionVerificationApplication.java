package io.bookstore.transactionverification;

import io.bookstore.contracts.transactionverification.TransactionVerificationGrpc;
import io.bookstore.grpc.health.GrpcHealth;
import java.time.Clock;
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
}

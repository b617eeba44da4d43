package io.bookstore.suggestions;

import io.bookstore.contracts.suggestions.BookSuggestionsGrpc;
import io.bookstore.grpc.health.GrpcHealth;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SuggestionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SuggestionsApplication.class, args);
    }

    /** The standard gRPC health service, on the gRPC port, for this service's API. */
    @Bean
    GrpcHealth grpcHealth() {
        return new GrpcHealth(BookSuggestionsGrpc.SERVICE_NAME);
    }
}

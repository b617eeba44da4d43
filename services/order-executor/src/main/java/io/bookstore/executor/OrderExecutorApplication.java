package io.bookstore.executor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderExecutorApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderExecutorApplication.class, args);
    }
}

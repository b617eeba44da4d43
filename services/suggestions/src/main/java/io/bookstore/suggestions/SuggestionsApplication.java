package io.bookstore.suggestions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SuggestionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SuggestionsApplication.class, args);
    }
}

package io.bookstore.suggestions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SuggestionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SuggestionsApplication.class, args);
    }
}

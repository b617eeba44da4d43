package io.bookstore.transactionverification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TransactionVerificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(TransactionVerificationApplication.class, args);
    }
}

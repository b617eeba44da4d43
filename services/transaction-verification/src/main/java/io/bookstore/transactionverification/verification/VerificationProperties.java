package io.bookstore.transactionverification.verification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code maxQuantity}: the most copies of one book a line may ask for.
 * {@code delay}: an artificial pause before the checks, so tests and demos can make this service miss its deadline.
 */
@ConfigurationProperties("verification")
public record VerificationProperties(int maxQuantity, Duration delay) {

    public VerificationProperties {
        if (maxQuantity < 1 || delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("verification needs a positive max-quantity and a delay of zero or more");
        }
    }
}

package io.bookstore.suggestions.suggestion;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code delay}: an artificial pause before suggesting, so tests and demos can make this service miss its deadline. */
@ConfigurationProperties("verification")
public record VerificationProperties(Duration delay) {

    public VerificationProperties {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("verification.delay must be zero or more");
        }
    }
}

package io.bookstore.fraud.velocity;

import io.bookstore.fraud.screening.FraudRules;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Sliding windows of recent orders per card and per contact, kept in PostgreSQL so they survive a restart.
 * Orders rejected by a full window are not counted, and an order checked again is counted once.
 */
@Component
public class VelocityWindows {

    private final ProducerTemplate producer;
    private final Clock clock;
    private final long windowMillis;

    public VelocityWindows(ProducerTemplate producer, Clock clock, FraudRules rules) {
        this.producer = producer;
        this.clock = clock;
        this.windowMillis = rules.velocity().window().toMillis();
    }

    /** Counts the order in the subject's window unless the window already holds {@code limit} other orders. */
    public boolean admit(String subject, String orderId, int limit) {
        long now = clock.millis();
        Map<String, Object> parameters = Map.of("subject", subject, "orderId", orderId, "now", now,
                "windowStart", now - windowMillis, "limit", limit);
        return producer.requestBody("direct:admit-to-velocity-window", parameters, Boolean.class);
    }
}

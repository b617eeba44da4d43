package io.bookstore.executor.intake;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** order-executor.priority: the rank of each card tier, and the tier of an order whose tier is unknown. */
@ConfigurationProperties("order-executor.priority")
public record PriorityProperties(Map<String, Integer> tierRanks, String defaultTier) {
}

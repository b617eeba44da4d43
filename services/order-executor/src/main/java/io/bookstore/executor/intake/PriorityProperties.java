package io.bookstore.executor.intake;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** order-executor.priority: the rank of each card tier, and the resequencer's batch window (see application.yaml). */
@ConfigurationProperties("order-executor.priority")
public record PriorityProperties(Map<String, Integer> tierRanks, String defaultTier, int batchSize,
                                 long batchTimeoutMs) {
}

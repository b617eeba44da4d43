package io.bookstore.orchestrator.order;

import io.bookstore.causality.VectorClock;
import java.time.Instant;
import java.util.List;

public record OrderRecord(
        String id,
        String source,
        String userId,
        String accountId,
        String tier,
        long total,
        boolean paid,
        OrderStatus status,
        String reason,
        VectorClock clock,
        Instant createdAt,
        String executorId,
        Long executorEpoch,
        int attempt,
        List<OrderLine> lines,
        List<OrderEvent> events) {
}

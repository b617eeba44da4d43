package io.bookstore.orchestrator.order;

import java.util.List;

/** What one checkout attempt of a benchmark order queues: the order's account, total, lines and attempt number. */
public record CheckoutAttempt(String orderId, String accountId, long total, int attempt, List<OrderLine> lines) {
}

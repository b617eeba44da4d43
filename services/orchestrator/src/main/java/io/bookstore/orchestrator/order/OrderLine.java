package io.bookstore.orchestrator.order;

/** One line of an order; item id and unit price are known once the catalog has priced it. */
public record OrderLine(String itemId, String title, Integer quantity, long unitPrice) {
}

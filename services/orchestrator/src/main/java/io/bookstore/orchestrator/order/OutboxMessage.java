package io.bookstore.orchestrator.order;

/** A Kafka record to publish once the transaction that wrote it commits. Headers: "name=value;name=value". */
public record OutboxMessage(String topic, String key, String headers, byte[] payload) {
}

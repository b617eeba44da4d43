package io.bookstore.orchestrator.order;

/** A client's Idempotency-Key for one checkout, with the hash of the request it was first sent with. */
public record IdempotencyKey(String value, String requestHash) {

    /** The order a key was first used for, and whether this request is the same as that first one. */
    public record FirstUse(String orderId, boolean sameRequest) {
    }
}

package io.bookstore.orchestrator.queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Wakes up the requests waiting for an order's saga to end. It only signals; the waiting request reads the
 * order's state from the database, which stays the one truth (and covers outcomes another instance recorded).
 */
@Component
public class OrderChanges {

    private final ConcurrentMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Register before reading the order's state, so a change between the two is not missed. */
    public CompletableFuture<Void> next(String orderId) {
        return waiting.computeIfAbsent(orderId, id -> new CompletableFuture<>());
    }

    public void changed(String orderId) {
        CompletableFuture<Void> signal = waiting.remove(orderId);
        if (signal != null) {
            signal.complete(null);
        }
    }

    public void giveUp(String orderId, CompletableFuture<Void> signal) {
        waiting.remove(orderId, signal);
    }
}

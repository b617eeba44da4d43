package io.bookstore.orchestrator.queue;

import io.bookstore.orchestrator.order.OrderState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Wakes up the requests waiting for an order's saga to end. An outcome this instance has just recorded comes with
 * the signal, as committed (a final state never changes again), so the request answers without reading it back. Any
 * other change only signals: the request reads the order's state from the database, which stays the one truth (and
 * covers outcomes another instance recorded).
 */
@Component
public class OrderChanges {

    private final ConcurrentMap<String, CompletableFuture<Optional<OrderState>>> waiting = new ConcurrentHashMap<>();

    /** Register before reading the order's state, so a change between the two is not missed. */
    public CompletableFuture<Optional<OrderState>> next(String orderId) {
        return waiting.computeIfAbsent(orderId, id -> new CompletableFuture<>());
    }

    /** The order's saga ended in this final state, committed by this instance. */
    public void ended(OrderState state) {
        signal(state.id(), Optional.of(state));
    }

    /** Something about the order may have changed: whoever waits reads it again. */
    public void changed(String orderId) {
        signal(orderId, Optional.empty());
    }

    public void giveUp(String orderId, CompletableFuture<Optional<OrderState>> signal) {
        waiting.remove(orderId, signal);
    }

    private void signal(String orderId, Optional<OrderState> state) {
        CompletableFuture<Optional<OrderState>> signal = waiting.remove(orderId);
        if (signal != null) {
            signal.complete(state);
        }
    }
}

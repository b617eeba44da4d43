package io.bookstore.orchestrator.order;

import io.bookstore.orchestrator.queue.OrderChanges;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Waits for the end of an order's checkout saga, for the requests that answer only once stock and money have moved
 * (or have not). The database stays the one truth: the wait reads the order, and is woken by the outcome, either
 * with the final state just committed or to read the order again.
 */
@Component
public class SagaOutcomes {

    private static final Set<OrderStatus> FINAL = EnumSet.of(OrderStatus.PAID, OrderStatus.REJECTED, OrderStatus.NEEDS_ATTENTION);

    private final OrderStore orders;
    private final OrderChanges changes;
    private final Duration answerWithin;
    private final Duration recheckEvery;

    public SagaOutcomes(OrderStore orders, OrderChanges changes,
                        @Value("${checkout.answer-within}") Duration answerWithin,
                        @Value("${checkout.recheck-every}") Duration recheckEvery) {
        this.orders = orders;
        this.changes = changes;
        this.answerWithin = answerWithin;
        this.recheckEvery = recheckEvery;
    }

    public static boolean isFinal(OrderStatus status) {
        return FINAL.contains(status);
    }

    /** The order once its saga has ended, or as it stands when {@code checkout.answer-within} has passed. */
    public OrderState awaitFinalState(String orderId) throws InterruptedException {
        long deadline = System.nanoTime() + answerWithin.toNanos();
        while (true) {
            CompletableFuture<Optional<OrderState>> changed = changes.next(orderId);
            OrderState state = orders.state(orderId).orElseThrow();
            long remaining = deadline - System.nanoTime();
            if (isFinal(state.status()) || remaining <= 0) {
                changes.giveUp(orderId, changed);
                return state;
            }
            try {
                // woken by the outcome; the periodic look covers a wake-up this instance missed
                Optional<OrderState> ended = changed.get(Math.min(remaining, recheckEvery.toNanos()),
                        TimeUnit.NANOSECONDS);
                if (ended.isPresent()) {
                    return ended.get();
                }
            } catch (TimeoutException e) {
                changes.giveUp(orderId, changed);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

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
        return await(orderId, null);
    }

    /**
     * Watches an order whose saga this request is about to start. Registered before the start, the watch misses no
     * outcome, so its wait need not read the order first: the request has just seen it start.
     */
    public Watch watch(String orderId) {
        return new Watch(orderId, changes.next(orderId));
    }

    public final class Watch {

        private final String orderId;
        private final CompletableFuture<Optional<OrderState>> changed;

        private Watch(String orderId, CompletableFuture<Optional<OrderState>> changed) {
            this.orderId = orderId;
            this.changed = changed;
        }

        /** The order once the saga this request started has ended (as {@link #awaitFinalState(String)}). */
        public OrderState awaitFinalState() throws InterruptedException {
            return await(orderId, changed);
        }

        /** No saga was started after all. */
        public void cancel() {
            changes.giveUp(orderId, changed);
        }
    }

    /** registered: a wake-up registered before this request started the order's saga, or null. */
    private OrderState await(String orderId, CompletableFuture<Optional<OrderState>> registered)
            throws InterruptedException {
        long deadline = System.nanoTime() + answerWithin.toNanos();
        CompletableFuture<Optional<OrderState>> changed = registered;
        while (true) {
            if (changed == null) {
                changed = changes.next(orderId);
                OrderState state = orders.state(orderId).orElseThrow();
                if (isFinal(state.status()) || deadline - System.nanoTime() <= 0) {
                    changes.giveUp(orderId, changed);
                    return state;
                }
            }
            try {
                // woken by the outcome; the periodic look covers a wake-up this instance missed
                Optional<OrderState> ended = changed.get(
                        Math.max(0, Math.min(deadline - System.nanoTime(), recheckEvery.toNanos())), TimeUnit.NANOSECONDS);
                if (ended.isPresent()) {
                    return ended.get();
                }
            } catch (TimeoutException e) {
                changes.giveUp(orderId, changed);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            changed = null;
        }
    }
}

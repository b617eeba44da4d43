package io.bookstore.orchestrator.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.causality.VectorClock;
import io.bookstore.orchestrator.order.OrderState;
import io.bookstore.orchestrator.order.OrderStatus;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OrderChangesTest {

    private final OrderChanges changes = new OrderChanges();

    @Test
    void anOutcomeRecordedHereWakesTheWaiterWithTheStateItCommitted() {
        CompletableFuture<Optional<OrderState>> waiting = changes.next("order-1");
        OrderState paid = new OrderState("order-1", OrderStatus.PAID, null, VectorClock.empty().tick("executor"));

        changes.ended(paid);

        assertThat(waiting).isCompletedWithValue(Optional.of(paid));
        assertThat(changes.next("order-1")).as("the next wait is a new one").isNotDone();
    }

    @Test
    void anyOtherChangeWakesTheWaiterToReadTheOrderAgain() {
        CompletableFuture<Optional<OrderState>> waiting = changes.next("order-2");

        changes.changed("order-2");

        assertThat(waiting).isCompletedWithValue(Optional.empty());
    }

    @Test
    void aSignalReachesOnlyTheWaitersOfItsOrder() {
        CompletableFuture<Optional<OrderState>> other = changes.next("order-3");

        changes.ended(new OrderState("order-4", OrderStatus.REJECTED, "out of stock", VectorClock.empty()));
        changes.changed("order-5");

        assertThat(other).isNotDone();
    }
}

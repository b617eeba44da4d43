package io.bookstore.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookstore.contracts.order.ClearOrder;
import io.bookstore.contracts.order.ClearOrderAck;
import io.bookstore.contracts.order.Order;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderClockCacheTest {

    private static final VectorClock SENT = VectorClock.of(Map.of("orchestrator", 3L));

    private final OrderClockCache cache = new OrderClockCache("fraud-detection", Duration.ofMinutes(10), 100);

    private static Order order(String orderId) {
        return Order.newBuilder().setOrderId(orderId).build();
    }

    private ClearOrderAck clear(String orderId, VectorClock finalClock) {
        return cache.clear(ClearOrder.newBuilder()
                .setOrderId(orderId).setFinalClock(VectorClocks.toProto(finalClock)).build());
    }

    @Test
    void receivingMergesTheRequestClockAndTicksTheOwnEntry() {
        VectorClock received = cache.receive(order("o-received"), SENT);

        assertThat(received).isEqualTo(VectorClock.of(Map.of("orchestrator", 3L, "fraud-detection", 1L)));
        assertThat(SENT.happenedBefore(received)).isTrue();
    }

    @Test
    void aRepeatedRequestContinuesTheKeptClock() {
        VectorClock received = cache.receive(order("o-retry"), SENT);
        cache.keep(order("o-retry"), received.tick("fraud-detection").tick("fraud-detection"));

        VectorClock again = cache.receive(order("o-retry"), SENT);

        assertThat(again).isEqualTo(VectorClock.of(Map.of("orchestrator", 3L, "fraud-detection", 4L)));
    }

    @Test
    void keepingAnOlderClockNeverMovesTheCopyBack() {
        VectorClock received = cache.receive(order("o-keep"), SENT);
        VectorClock later = received.tick("fraud-detection");
        cache.keep(order("o-keep"), later);
        cache.keep(order("o-keep"), received);

        assertThat(clear("o-keep", SENT).getClock()).isEqualTo(VectorClocks.toProto(later));
    }

    @Test
    void clearKeepsTheCopyWhileTheFinalClockIsBehindAndDropsItOnceItCaughtUp() {
        VectorClock own = cache.receive(order("o-clear"), SENT);

        ClearOrderAck behind = clear("o-clear", SENT.tick("orchestrator"));
        assertThat(behind.getCleared()).isFalse();
        assertThat(VectorClocks.fromProto(behind.getClock())).isEqualTo(own);

        ClearOrderAck caughtUp = clear("o-clear", own.tick("orchestrator"));
        assertThat(caughtUp.getCleared()).isTrue();
        assertThat(VectorClocks.fromProto(caughtUp.getClock())).isEqualTo(own);

        ClearOrderAck nothingHeld = clear("o-clear", VectorClock.empty());
        assertThat(nothingHeld.getCleared()).isTrue();
        assertThat(nothingHeld.getClock().getEntriesMap()).isEmpty();
    }

    @Test
    void aClearedOrderStartsAFreshClock() {
        VectorClock own = cache.receive(order("o-again"), SENT);
        clear("o-again", own);

        assertThat(cache.receive(order("o-again"), VectorClock.empty()))
                .isEqualTo(VectorClock.of(Map.of("fraud-detection", 1L)));
    }

    @Test
    void needsAPositiveTtlAndSize() {
        assertThatThrownBy(() -> new OrderClockCache("suggestions", Duration.ZERO, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderClockCache("suggestions", null, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderClockCache("suggestions", Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package io.bookstore.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorClockTest {

    @Test
    void tickingAdvancesOnlyTheOwnEntry() {
        VectorClock clock = VectorClock.empty().tick("orchestrator").tick("orchestrator").tick("stock");

        assertThat(clock.get("orchestrator")).isEqualTo(2);
        assertThat(clock.get("stock")).isEqualTo(1);
        assertThat(clock.get("payment")).isZero();
    }

    @Test
    void mergeTakesTheEntryWiseMaximum() {
        VectorClock a = VectorClock.of(Map.of("orchestrator", 3L, "stock", 1L));
        VectorClock b = VectorClock.of(Map.of("orchestrator", 1L, "payment", 4L));

        assertThat(a.merge(b)).isEqualTo(VectorClock.of(Map.of("orchestrator", 3L, "stock", 1L, "payment", 4L)));
    }

    @Test
    void aReceivedAndTickedClockHappenedAfterTheSentOne() {
        VectorClock sent = VectorClock.empty().tick("orchestrator");
        VectorClock received = VectorClock.empty().tick("stock").merge(sent).tick("stock");

        assertThat(sent.happenedBefore(received)).isTrue();
        assertThat(received.happenedBefore(sent)).isFalse();
        assertThat(received.dominates(sent)).isTrue();
        assertThat(sent.isAheadOf(received)).isFalse();
    }

    @Test
    void independentEventsAreConcurrent() {
        VectorClock root = VectorClock.empty().tick("orchestrator");
        VectorClock fraud = root.tick("fraud-detection");
        VectorClock verification = root.tick("transaction-verification");

        assertThat(fraud.concurrentWith(verification)).isTrue();
        assertThat(fraud.isAheadOf(verification)).isTrue();
        assertThat(fraud.happenedBefore(verification)).isFalse();
    }

    @Test
    void headerFormRoundTrips() {
        VectorClock clock = VectorClock.of(Map.of("stock", 2L, "orchestrator", 5L));

        assertThat(clock.toString()).isEqualTo("orchestrator=5,stock=2");
        assertThat(VectorClock.parse(clock.toString())).isEqualTo(clock);
        assertThat(VectorClock.parse(null)).isEqualTo(VectorClock.empty());
    }

    @Test
    void protoFormRoundTrips() {
        VectorClock clock = VectorClock.of(Map.of("payment", 7L, "order-executor-1", 2L));

        assertThat(VectorClocks.fromProto(VectorClocks.toProto(clock))).isEqualTo(clock);
    }

    @Test
    void malformedHeadersAreRejected() {
        assertThatThrownBy(() -> VectorClock.parse("stock=two")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorClock.parse("=3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorClock.parse("stock=-1")).isInstanceOf(IllegalArgumentException.class);
    }
}

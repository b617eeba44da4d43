package io.bookstore.executor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookstore.contracts.order.CardTier;
import org.junit.jupiter.api.Test;

class TierPriorityTest {

    private final TierPriority priority = new TierPriority();

    @Test
    void aHigherRankGetsAHigherKeyWhateverItsArrival() {
        assertThat(priority.key(2, 1_000_000)).isGreaterThan(priority.key(1, 0));
        assertThat(priority.key(1, 1_000_000)).isGreaterThan(priority.key(0, 0));
    }

    @Test
    void withinARankTheEarlierArrivalGetsTheHigherKey() {
        assertThat(priority.key(1, 41)).isGreaterThan(priority.key(1, 42));
    }

    @Test
    void theTierHeaderWinsAsSentSoThatANewTierReachesTheOperatorRoute() {
        assertThat(priority.tierOf(" Platinum ", CardTier.CARD_TIER_BASIC)).isEqualTo("Platinum");
        assertThat(priority.tierOf("Basic", CardTier.CARD_TIER_PREMIUM)).isEqualTo("Basic");
    }

    @Test
    void withoutATierHeaderTheOrdersOwnTierCounts() {
        assertThat(priority.tierOf(null, CardTier.CARD_TIER_PREMIUM)).isEqualTo("Premium");
        assertThat(priority.tierOf(" ", CardTier.CARD_TIER_BASIC)).isEqualTo("Basic");
        assertThat(priority.tierOf(null, CardTier.UNRECOGNIZED)).isEqualTo("None");
    }

    @Test
    void aRankOutsideWhatTheKeyHoldsIsRefused() {
        assertThat(priority.isRank(TierPriority.MAX_RANK)).isTrue();
        assertThat(priority.isRank(TierPriority.MAX_RANK + 1)).isFalse();
        assertThat(priority.isRank(-1)).isFalse();
        assertThat(priority.isRank(null)).isFalse();
        assertThatThrownBy(() -> priority.key(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.bookstore.executor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bookstore.contracts.order.CardTier;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TierPriorityTest {

    private final TierPriority priority = new TierPriority(
            new PriorityProperties(Map.of("Premium", 2, "Basic", 1, "None", 0), "None"));

    @Test
    void aHigherTierGetsAHigherKeyWhateverItsArrival() {
        assertThat(priority.key("Premium", 1_000_000)).isGreaterThan(priority.key("Basic", 0));
        assertThat(priority.key("Basic", 1_000_000)).isGreaterThan(priority.key("None", 0));
    }

    @Test
    void withinATierTheEarlierArrivalGetsTheHigherKey() {
        assertThat(priority.key("Basic", 41)).isGreaterThan(priority.key("Basic", 42));
        assertThat(priority.key("Basic", 41)).isNotEqualTo(priority.key("Basic", 42));
    }

    @Test
    void theTierHeaderWinsAndIsReadWithoutRegardToCase() {
        assertThat(priority.tierOf("premium", CardTier.CARD_TIER_NONE)).isEqualTo("Premium");
        assertThat(priority.tierOf("Basic", CardTier.CARD_TIER_PREMIUM)).isEqualTo("Basic");
    }

    @Test
    void withoutAUsableHeaderTheOrdersOwnTierCounts() {
        assertThat(priority.tierOf(null, CardTier.CARD_TIER_PREMIUM)).isEqualTo("Premium");
        assertThat(priority.tierOf("Platinum", CardTier.CARD_TIER_BASIC)).isEqualTo("Basic");
        assertThat(priority.tierOf(null, CardTier.UNRECOGNIZED)).isEqualTo("None");
    }

    @Test
    void anUnknownTierRanksAsTheDefaultTier() {
        assertThat(priority.rank("Platinum")).isEqualTo(priority.rank("None"));
    }

    @Test
    void aDefaultTierWithoutARankIsRejected() {
        assertThatThrownBy(() -> new TierPriority(new PriorityProperties(Map.of("Premium", 1), "None")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default-tier");
    }
}

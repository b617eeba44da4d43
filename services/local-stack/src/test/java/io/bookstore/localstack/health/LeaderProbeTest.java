package io.bookstore.localstack.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeaderProbeTest {

    @Test
    void aLeaderIsShownWithItsEpochAndAStandbyAsSuch() {
        assertThat(LeaderProbe.describe("{\"instance\":\"order-executor-1\",\"leader\":true,\"epoch\":7}"))
                .isEqualTo("leader, epoch 7");
        assertThat(LeaderProbe.describe("{\"instance\":\"order-executor-2\",\"leader\":false}")).isEqualTo("standby");
        assertThat(LeaderProbe.describe("not json")).isEmpty();
    }
}

package io.bookstore.localstack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosCommandTest {

    @Test
    void anAnsweredCheckoutIsAcceptedWhateverTheAnswer() {
        assertThat(ChaosCommand.accepted(checkout(CheckoutLoad.Answer.PAID), "PAID")).isTrue();
        assertThat(ChaosCommand.accepted(checkout(CheckoutLoad.Answer.REJECTED), "REJECTED")).isTrue();
        assertThat(ChaosCommand.accepted(checkout(CheckoutLoad.Answer.PENDING), "RESERVING")).isTrue();
        assertThat(ChaosCommand.accepted(checkout(CheckoutLoad.Answer.IN_FLIGHT), "OPEN")).isTrue();
    }

    @Test
    void anUnansweredCheckoutIsAcceptedOnlyIfTheOrderLeftOpen() {
        assertThat(ChaosCommand.accepted(checkout(CheckoutLoad.Answer.NO_ANSWER), "OPEN")).isFalse();
        assertThat(ChaosCommand.accepted(checkout(CheckoutLoad.Answer.NO_ANSWER), "QUEUED")).isTrue();
        assertThat(ChaosCommand.accepted(checkout(CheckoutLoad.Answer.REFUSED), OrderStates.UNREADABLE)).isTrue();
    }

    @Test
    void theTableHasOneRowPerFaultWithItsFigures() {
        String table = ChaosCommand.table(List.of(
                new ChaosCommand.Row("kill -9 stock", 120, 40, 110, 10, 0, 0, 0, Duration.ofMillis(12_300),
                        Duration.ofMillis(1_500), true),
                new ChaosCommand.Row("all together", 80, 30, 70, 5, 5, 1, 0, null, Duration.ofSeconds(120), false)));

        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(1)).contains("kill -9 stock", "120", "12.3 s", "1.5 s", "consistent");
        assertThat(table.lines().toList().get(2)).contains("all together", "never", "INCONSISTENT");
    }

    private static CheckoutLoad.Checkout checkout(CheckoutLoad.Answer answer) {
        return new CheckoutLoad.Checkout("7", Instant.EPOCH, Instant.EPOCH, answer, 0);
    }
}

package io.bookstore.transactionverification.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardCheckLuhnTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "4012888888881881"})
    void acceptsWellKnownTestCards(String number) {
        assertThat(CardCheck.passesLuhn(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "5555555555554440", "378282246310006", "1234567812345678"})
    void rejectsNumbersWithAWrongCheckDigit(String number) {
        assertThat(CardCheck.passesLuhn(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", " 4111111111111111 "})
    void ignoresTheSeparatorsPeopleType(String typed) {
        assertThat(CardCheck.digitsOf(typed)).isEqualTo("4111111111111111");
    }
}

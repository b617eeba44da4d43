package io.bookstore.orchestrator.checkout;

import io.bookstore.orchestrator.api.ApiException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The card tier that decides an approved order's queue priority. */
public enum CardTier {
    PREMIUM("Premium", io.bookstore.contracts.order.CardTier.CARD_TIER_PREMIUM),
    BASIC("Basic", io.bookstore.contracts.order.CardTier.CARD_TIER_BASIC),
    NONE("None", io.bookstore.contracts.order.CardTier.CARD_TIER_NONE);

    private final String label;
    private final io.bookstore.contracts.order.CardTier contract;

    CardTier(String label, io.bookstore.contracts.order.CardTier contract) {
        this.label = label;
        this.contract = contract;
    }

    public static CardTier fromClientCard(String clientCard) {
        if (clientCard == null) {
            return NONE;
        }
        return Arrays.stream(values())
                .filter(tier -> tier.label.equals(clientCard))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "clientCard: must be one of "
                        + Arrays.stream(values()).map(CardTier::label).collect(Collectors.joining(", "))));
    }

    public static CardTier fromLabel(String label) {
        return Arrays.stream(values()).filter(tier -> tier.label.equals(label)).findFirst().orElse(NONE);
    }

    public String label() {
        return label;
    }

    public io.bookstore.contracts.order.CardTier contract() {
        return contract;
    }
}

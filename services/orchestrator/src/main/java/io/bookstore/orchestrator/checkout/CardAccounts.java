package io.bookstore.orchestrator.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A card pays from an account named by a hash of its digits: card numbers are never stored. */
final class CardAccounts {

    private CardAccounts() {
    }

    static String accountOf(CheckoutRequest.CreditCard card) {
        if (card == null || card.number() == null) {
            return null;
        }
        String digits = card.number().replaceAll("[\\s-]", "");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(digits.getBytes(StandardCharsets.UTF_8));
            return "card:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

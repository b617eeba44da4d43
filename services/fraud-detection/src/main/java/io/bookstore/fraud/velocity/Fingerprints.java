package io.bookstore.fraud.velocity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** What a velocity window is kept under: a SHA-256 hash of the card or contact, never the value itself. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String card(String digits) {
        return "card:" + sha256(digits);
    }

    public static String contact(String contact) {
        return "contact:" + sha256(contact.strip().toLowerCase(Locale.ROOT));
    }

    /** People type card numbers with spaces or dashes between the groups. */
    public static String digitsOf(String number) {
        return number.replaceAll("[\\s-]", "");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

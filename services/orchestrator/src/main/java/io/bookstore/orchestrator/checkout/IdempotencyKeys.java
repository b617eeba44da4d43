package io.bookstore.orchestrator.checkout;

import io.bookstore.orchestrator.api.ApiException;
import io.bookstore.orchestrator.order.IdempotencyKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Reads a checkout's Idempotency-Key header: at most 255 visible ASCII characters, stored with the body's hash. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    static Optional<IdempotencyKey> of(String header, byte[] body) {
        if (header == null) {
            return Optional.empty();
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH || !header.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest("invalid_idempotency_key",
                    HEADER + " must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        return Optional.of(new IdempotencyKey(header, sha256(body)));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

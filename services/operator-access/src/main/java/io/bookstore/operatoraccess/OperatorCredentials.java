package io.bookstore.operatoraccess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The one operator login, compared in constant time against an {@code Authorization: Basic} header. */
final class OperatorCredentials {

    private final byte[] expected;

    private OperatorCredentials(byte[] expected) {
        this.expected = expected;
    }

    static OperatorCredentials of(String user, String password) {
        if (user == null || user.isBlank() || password == null || password.isBlank()) {
            throw new IllegalStateException("outside the local profile the actuator, Jolokia and Hawtio need an operator "
                    + "login: set OPERATOR_USER and OPERATOR_PASSWORD (or run with SPRING_PROFILES_ACTIVE=local)");
        }
        return new OperatorCredentials((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    boolean accept(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).strip());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}

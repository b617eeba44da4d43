package io.bookstore.orchestrator.api;

import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/** Path parameters, checked before anything touches a store: ids are short plain tokens, numbers are bounded. */
public final class PathParams {

    /** At least one letter or digit: ".." or "." is a path step, never an id. */
    private static final Pattern ID = Pattern.compile("(?=.*[A-Za-z0-9])[A-Za-z0-9._:-]{1,64}");
    /** ASCII digits only: Long.parseLong would also take '+' and other scripts' digits (U+0661, U+FF11). */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}");

    private PathParams() {
    }

    public static String id(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_id", name + ": must be 1-64 letters, digits or . _ : - (at least one letter or digit)");
        }
        return value;
    }

    public static long number(Exchange exchange, String name, long min, long max) {
        String value = exchange.getMessage().getHeader(name, String.class);
        if (value == null || !NUMBER.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_number", name + ": must be an integer, got '" + shorten(value) + "'");
        }
        long parsed = Long.parseLong(value);
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest("invalid_number", name + ": must be between " + min + " and " + max);
        }
        return parsed;
    }

    private static String shorten(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 32 ? value.substring(0, 32) + "..." : value;
    }
}

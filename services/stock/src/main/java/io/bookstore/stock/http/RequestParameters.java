package io.bookstore.stock.http;

import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Checks the path and query parameters of a request before anything touches the database. Numbers are non-negative
 * integers of at most 18 digits, so they always fit a bigint; ids are short and free of quotes, slashes and spaces.
 */
public final class RequestParameters {

    /** The largest number a request may carry: any 18 digits. */
    public static final long MAX_NUMBER = 999_999_999_999_999_999L;

    private static final Pattern ID = Pattern.compile("(?=.*[A-Za-z0-9])[A-Za-z0-9_.:-]{1,128}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

    private RequestParameters() {
    }

    /** Refuses the request unless the header holds a well-formed id. */
    public static Processor id(String header) {
        return exchange -> {
            String value = exchange.getIn().getHeader(header, String.class);
            if (value == null || !ID.matcher(value).matches()) {
                throw ApiError.badRequest("invalid_id",
                        header + " must be 1 to 128 letters, digits, '_', '.', ':' or '-', at least one of them a letter or digit");
            }
        };
    }

    /** Replaces the header's text with its value as a long, refusing anything but an integer in [0, max]. */
    public static Processor number(String header, long max) {
        return exchange -> exchange.getIn().setHeader(header, parse(exchange, header, max));
    }

    /** Like {@link #number}, with a default for an absent or empty header (query parameters). */
    public static Processor number(String header, long max, long defaultValue) {
        return exchange -> {
            String value = exchange.getIn().getHeader(header, String.class);
            boolean absent = value == null || value.isEmpty();
            exchange.getIn().setHeader(header, absent ? defaultValue : parse(exchange, header, max));
        };
    }

    /** Replaces the header with its trimmed text, empty when absent, refusing text longer than maxLength. */
    public static Processor optionalText(String header, int maxLength) {
        return exchange -> {
            String value = exchange.getIn().getHeader(header, "", String.class).trim();
            if (value.length() > maxLength) {
                throw ApiError.badRequest("invalid_text", header + " must be at most " + maxLength + " characters");
            }
            exchange.getIn().setHeader(header, value);
        };
    }

    private static long parse(Exchange exchange, String header, long max) {
        String value = exchange.getIn().getHeader(header, String.class);
        if (value == null || !NUMBER.matcher(value).matches() || Long.parseLong(value) > max) {
            throw ApiError.badRequest("invalid_number", header + " must be an integer from 0 to " + max);
        }
        return Long.parseLong(value);
    }
}

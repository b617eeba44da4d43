package io.bookstore.httperrors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The one error body of this API, {"error":{"code","message"}}, for the answers written outside any route. */
final class JsonErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrors() {
    }

    static String body(String code, String message) {
        try {
            return JSON.writeValueAsString(Map.of("error", Map.of("code", code, "message", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error body not serializable", e);
        }
    }

    /** Answers the request here, before any route, with the status and this error body. */
    static void write(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body);
    }

    /** A request refused because too many are in flight. */
    static String overloaded() {
        return body("overloaded", "too many requests in flight; it was not applied, try again shortly");
    }

    /** The code and message for an HTTP status the web server itself answers (no route was reached). */
    static String forStatus(int status) {
        return switch (status) {
            case 400 -> body("bad_request", "the request is malformed (request line, path or headers); it was not applied");
            case 404 -> body("not_found", "no endpoint at this path");
            case 405 -> body("method_not_allowed", "this endpoint does not accept this method");
            case 406 -> body("not_acceptable", "the answer is JSON only");
            case 413 -> body("body_too_large", "the request is too large");
            case 415 -> body("unsupported_media_type", "the body's media type or encoding is not accepted");
            default -> status >= 500
                    ? body("internal_error", "the request failed unexpectedly; it was not applied")
                    : body("http_" + status, "the request was refused");
        };
    }
}

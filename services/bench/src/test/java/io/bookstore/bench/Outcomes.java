package io.bookstore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Names an answer for the outcome table: the HTTP status and, from the body, the order's status and rejection
 * reason, or the error code. Numbers and order ids are masked so that equal reasons count together.
 */
final class Outcomes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Outcomes() {
    }

    static String of(Integer status, String body) {
        if (status == null) {
            return "no answer (timeout or connection error)";
        }
        JsonNode json = parse(body);
        if (json == null) {
            return status + " (body is not JSON)";
        }
        if (json.has("error")) {
            JsonNode error = json.get("error");
            return status + " " + text(error, "code") + ": " + reason(text(error, "message"));
        }
        if (json.has("status")) {
            String reason = text(json, "reason");
            return status + " " + text(json, "status") + (reason.isEmpty() ? "" : ": " + mask(reason));
        }
        if (json.has("paid")) {
            return status + " paid=" + json.get("paid").asText();
        }
        return status + " " + mask(body.length() > 80 ? body.substring(0, 80) : body);
    }

    /** The part of a benchmark-API message that says why ("checkout of order 7 failed: out of stock: 3"). */
    private static String reason(String message) {
        int because = message.indexOf(" failed: ");
        return mask(because < 0 ? message : message.substring(because + " failed: ".length()));
    }

    private static String mask(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d+", "#");
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? node.get(field).asText() : "";
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}

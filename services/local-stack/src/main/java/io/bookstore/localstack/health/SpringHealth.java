package io.bookstore.localstack.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a Spring Boot actuator health response: only HTTP 200 with a top-level status UP counts as healthy. */
public final class SpringHealth {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SpringHealth() {
    }

    public static Health interpret(int httpStatus, String body) {
        JsonNode health = parse(body);
        String status = health.path("status").asText("");
        if (httpStatus == 200 && status.equals("UP")) {
            return Health.up("UP");
        }
        if (status.isEmpty()) {
            return Health.down("HTTP " + httpStatus + " without a health status");
        }
        List<String> failing = failingComponents(health);
        return Health.down(status + " (HTTP " + httpStatus + (failing.isEmpty() ? "" : "; " + String.join(", ", failing)) + ")");
    }

    private static List<String> failingComponents(JsonNode health) {
        List<String> failing = new ArrayList<>();
        for (Map.Entry<String, JsonNode> component : health.path("components").properties()) {
            String status = component.getValue().path("status").asText("");
            if (!status.equals("UP")) {
                failing.add(component.getKey() + " " + status);
            }
        }
        return failing;
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return MAPPER.missingNode();
        }
    }
}

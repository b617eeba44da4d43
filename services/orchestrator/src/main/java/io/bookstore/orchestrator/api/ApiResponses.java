package io.bookstore.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;

/** Every answer is JSON with Content-Type application/json; errors have one shape: {"error":{"code","message"}}. */
public final class ApiResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    public static void json(Exchange exchange, int status, Object body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            exchange.getMessage().setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serializable", e);
        }
    }

    public static void ok(Exchange exchange, Object body) {
        json(exchange, 200, body);
    }

    public static void error(Exchange exchange, int status, String code, String message) {
        json(exchange, status, Map.of("error", Map.of("code", code, "message", message)));
    }
}

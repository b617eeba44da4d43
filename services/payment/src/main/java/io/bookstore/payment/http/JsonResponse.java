package io.bookstore.payment.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes an HTTP answer: a JSON body, its content type and status, and no leftover route headers. */
public final class JsonResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponse() {
    }

    public static void ok(Exchange exchange, Object body) {
        write(exchange, 200, body);
    }

    public static void error(Exchange exchange, int status, String code, String message) {
        write(exchange, status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private static void write(Exchange exchange, int status, Object body) {
        Message message = exchange.getMessage();
        // path parameters and SQL result headers would otherwise travel back as HTTP response headers
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON answer", e);
        }
    }
}

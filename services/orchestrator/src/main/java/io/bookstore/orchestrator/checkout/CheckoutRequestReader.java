package io.bookstore.orchestrator.checkout;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.bookstore.orchestrator.api.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads a checkout body whatever its Content-Type (the shop page posts text/plain): strict UTF-8, strict
 * JSON types (a number is not a name), unknown fields ignored, and errors that name the field.
 */
@Component
public class CheckoutRequestReader {

    private final ObjectMapper json = strictMapper();
    private final int maxBodyBytes;
    private final int maxLines;

    public CheckoutRequestReader(@Value("${checkout.max-body-bytes}") int maxBodyBytes,
                                 @Value("${checkout.max-lines}") int maxLines) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxLines = maxLines;
    }

    public CheckoutRequest read(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("empty_body", "the request body must be a JSON object");
        }
        if (body.length > maxBodyBytes) {
            throw new ApiException(413, "body_too_large", "the request body is over " + maxBodyBytes + " bytes");
        }
        String text = decodeUtf8(body);
        CheckoutRequest request;
        try {
            request = json.readValue(text, CheckoutRequest.class);
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("invalid_field", fieldPath(e) + ": " + expectation(e));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax && !(syntax instanceof InputCoercionException)) {
                throw malformed(syntax);
            }
            throw ApiException.badRequest("invalid_field", fieldPath(e) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (request == null) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object, not null");
        }
        if (request.items() != null && request.items().size() > maxLines) {
            throw ApiException.badRequest("invalid_field", "items: at most " + maxLines + " lines per order");
        }
        if (request.items() != null && request.items().contains(null)) {
            throw ApiException.badRequest("invalid_field", "items: an item must be an object, not null");
        }
        return request;
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid_encoding", "the body is not valid UTF-8");
        }
    }

    private static ApiException malformed(JsonProcessingException e) {
        return ApiException.badRequest("malformed_json", "the body is not valid JSON: " + e.getOriginalMessage());
    }

    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "body" : path.substring(path.startsWith(".") ? 1 : 0);
    }

    private static String expectation(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Integer.class || target == int.class) {
            return "must be an integer within 32 bits";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (java.util.List.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Object, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Array, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.POJO)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return mapper;
    }
}

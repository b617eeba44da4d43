package io.bookstore.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testinfra.RealInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.ShutdownTimeout;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The orchestrator on a real PostgreSQL and Kafka, calling real gRPC servers that stand in for the verification
 * services, with a stand-in for the executors that ends every queued order's saga.
 */
@RealInfrastructure(database = "orchestrator")
@Import(ExecutorDouble.class)
@CamelSpringBootTest
@ShutdownTimeout(2)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OrchestratorTest {

    static final long DEADLINE_MILLIS = 1000;
    static final VerifierDoubles verifiers = new VerifierDoubles();
    static final StockDouble stock = new StockDouble();
    static final ObjectMapper json = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void doubles(DynamicPropertyRegistry registry) throws IOException {
        if (verifiers.transactionVerification.server == null) {
            verifiers.start();
            stock.start();
        }
        registry.add("grpc.transaction-verification", () -> "127.0.0.1:" + verifiers.transactionVerification.port);
        registry.add("grpc.fraud-detection", () -> "127.0.0.1:" + verifiers.fraudDetection.port);
        registry.add("grpc.suggestions", () -> "127.0.0.1:" + verifiers.suggestions.port);
        registry.add("stock.url", stock::url);
        registry.add("payment.url", stock::url);
        registry.add("verification.deadline-ms", () -> DEADLINE_MILLIS);
        registry.add("verification.timeout-ms", () -> DEADLINE_MILLIS + 500);
        registry.add("order-outcomes.redeliveries", () -> 2);
        registry.add("order-outcomes.redelivery-delay-ms", () -> 50);
        registry.add("order-executions.redeliveries", () -> 2);
        registry.add("order-executions.redelivery-delay-ms", () -> 50);
    }

    @BeforeEach
    void resetDoubles() {
        verifiers.reset();
    }

    Response post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        headers.forEach(request::header);
        return send(request.build());
    }

    Response postBytes(String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Response post(String path) {
        return post(path, "", Map.of());
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    record Response(int status, String contentType, Map<String, java.util.List<String>> headers, String body) {
        JsonNode json() {
            try {
                return OrchestratorTest.json.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

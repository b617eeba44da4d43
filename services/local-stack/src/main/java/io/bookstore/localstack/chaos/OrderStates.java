package io.bookstore.localstack.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/** Orders' states as a client learns them: GET /orders/{id} on the orchestrator. */
final class OrderStates {

    static final Set<String> FINAL = Set.of("PAID", "REJECTED");
    static final String UNREADABLE = "UNREADABLE";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    OrderStates(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String state(String orderId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/orders/" + orderId))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("status").asText(UNREADABLE) : UNREADABLE;
        } catch (IOException e) {
            return UNREADABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREADABLE;
        }
    }

    /**
     * Reads the orders until every one that must end (mustEnd) is PAID or REJECTED, or the bound passes; answers
     * the last state read of every order.
     */
    Map<String, String> awaitFinal(Collection<String> orderIds, Set<String> mustEnd, Duration bound) {
        Map<String, String> states = new HashMap<>();
        orderIds.forEach(id -> states.put(id, state(id)));
        Instant deadline = Instant.now().plus(bound);
        while (Instant.now().isBefore(deadline)) {
            boolean allEnded = mustEnd.stream().allMatch(id -> FINAL.contains(states.get(id)));
            if (allEnded) {
                break;
            }
            LockSupport.parkNanos(POLL.toNanos());
            mustEnd.stream().filter(id -> !FINAL.contains(states.get(id))).forEach(id -> states.put(id, state(id)));
        }
        return states;
    }
}

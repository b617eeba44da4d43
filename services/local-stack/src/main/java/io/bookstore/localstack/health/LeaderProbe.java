package io.bookstore.localstack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks an order executor whether it leads (GET /leader), for make status. */
public final class LeaderProbe {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LeaderProbe() {
    }

    public static String role(int httpPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/leader"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? describe(response.body()) : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String describe(String body) {
        try {
            JsonNode leader = MAPPER.readTree(body);
            return leader.path("leader").asBoolean() ? "leader, epoch " + leader.path("epoch").asLong() : "standby";
        } catch (IOException e) {
            return "";
        }
    }
}

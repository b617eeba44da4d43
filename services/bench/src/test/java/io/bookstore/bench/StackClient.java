package io.bookstore.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few calls that prepare the data before and between phases, through the orchestrator's API. */
public final class StackClient {

    private static final Pattern STOCK = Pattern.compile("\"stock\"\\s*:\\s*(\\d+)");

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public StackClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String post(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public long stockOf(String itemId) {
        String body = send(HttpRequest.newBuilder(URI.create(baseUrl + "/stock/find/" + itemId)).GET());
        Matcher stock = STOCK.matcher(body);
        if (!stock.find()) {
            throw new IllegalStateException("no stock in the answer for item " + itemId + ": " + body);
        }
        return Long.parseLong(stock.group(1));
    }

    /** Adds or subtracts stock until the item has exactly this much. */
    public void setStock(String itemId, long wanted) {
        long now = stockOf(itemId);
        if (now < wanted) {
            post("/stock/add/" + itemId + "/" + (wanted - now));
        } else if (now > wanted) {
            post("/stock/subtract/" + itemId + "/" + (now - wanted));
        }
    }

    private String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + baseUrl + " (is the stack up?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

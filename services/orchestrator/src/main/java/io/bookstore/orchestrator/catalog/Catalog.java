package io.bookstore.orchestrator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The stock service's book catalog, read through its HTTP API and kept for a short while: the orchestrator
 * needs it to price approved orders, and the catalog changes rarely.
 */
@Component
public class Catalog {

    private final ProducerTemplate http;
    private final ObjectMapper json;
    private final Duration timeToLive;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Instant.MIN);

    public Catalog(ProducerTemplate http, ObjectMapper json,
                   @Value("${catalog.time-to-live}") Duration timeToLive, Clock clock) {
        this.http = http;
        this.json = json;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    /** Finds a book by its id, or else by its title (case-insensitive). */
    public Optional<Book> find(String id, String title) {
        Snapshot current = current();
        if (id != null && current.byId.containsKey(id)) {
            return Optional.of(current.byId.get(id));
        }
        return Optional.ofNullable(title == null ? null : current.byTitle.get(title.toLowerCase(Locale.ROOT)));
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current.loadedAt.plus(timeToLive).isAfter(clock.instant())) {
            return current;
        }
        synchronized (this) {
            if (snapshot.loadedAt.plus(timeToLive).isAfter(clock.instant())) {
                return snapshot;
            }
            snapshot = load();
            return snapshot;
        }
    }

    private Snapshot load() {
        Map<String, Book> byId = new HashMap<>();
        Map<String, Book> byTitle = new HashMap<>();
        try {
            JsonNode page = json.readTree(http.requestBody("direct:catalog-books", null, String.class));
            for (JsonNode node : page.path("books")) {
                Book book = new Book(node.path("id").asText(), node.path("title").asText(), node.path("author").asText(),
                        node.path("category").asText(), node.path("price").asLong());
                byId.put(book.id(), book);
                byTitle.put(book.title().toLowerCase(Locale.ROOT), book);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the stock service's catalog is not valid JSON", e);
        }
        return new Snapshot(Map.copyOf(byId), Map.copyOf(byTitle), clock.instant());
    }

    private record Snapshot(Map<String, Book> byId, Map<String, Book> byTitle, Instant loadedAt) {
    }
}

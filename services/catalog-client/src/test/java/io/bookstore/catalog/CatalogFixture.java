package io.bookstore.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stock service's catalog API served from a fixed list of books: {@code GET /books?page=&size=}, pages from 0,
 * answering {@code {"books": [...], "page", "size", "total"}} as the stock service does; or, while failing, a 503.
 * Shared with the services' tests through this module's test jar.
 */
public final class CatalogFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Map<String, Object>> books;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    private CatalogFixture(List<Map<String, Object>> books) {
        this.books = books;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/books", this::page);
        server.start();
    }

    public static CatalogFixture serving(List<Map<String, Object>> books) {
        return new CatalogFixture(books);
    }

    public static Map<String, Object> book(String id, String title, String author, String category) {
        return book(id, title, author, category, 10);
    }

    public static Map<String, Object> book(String id, String title, String author, String category, int stock) {
        return Map.of("id", id, "title", title, "author", author, "category", category, "price", 1299, "stock", stock);
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public List<String> queries() {
        return List.copyOf(queries);
    }

    public void failing(boolean failing) {
        this.failing = failing;
    }

    private void page(HttpExchange exchange) throws IOException {
        queries.add(exchange.getRequestURI().getQuery());
        if (failing) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        Map<String, Integer> parameters = new HashMap<>();
        for (String parameter : exchange.getRequestURI().getQuery().split("&")) {
            String[] pair = parameter.split("=");
            parameters.put(pair[0], Integer.valueOf(pair[1]));
        }
        int size = parameters.get("size");
        int from = Math.min(books.size(), parameters.get("page") * size);
        byte[] body = JSON.writeValueAsBytes(Map.of(
                "books", books.subList(from, Math.min(books.size(), from + size)),
                "page", parameters.get("page"),
                "size", size,
                "total", books.size()));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

package io.bookstore.orchestrator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The stock service's HTTP API as the orchestrator sees it, served on a free port for the orchestrator's tests. */
final class StockDouble {

    static final String CATALOG = """
            {"books":[
              {"id":"9780441172719","title":"Dune","author":"Frank Herbert","category":"Science Fiction","price":1299,"stock":10},
              {"id":"9780547928227","title":"The Hobbit","author":"J. R. R. Tolkien","category":"Fantasy","price":999,"stock":10},
              {"id":"9780000000019","title":"Sold Out Atlas","author":"A. Cartographer","category":"Travel","price":2500,"stock":0},
              {"id":"9780000000026","title":"Unfinished Map","author":"A. Cartographer","category":"Travel","price":1500,"stock":5}
            ],"page":0,"size":1000,"total":4}""";

    final List<String> forwarded = new CopyOnWriteArrayList<>();
    private HttpServer server;

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/books", exchange -> respond(exchange, 200, CATALOG));
        server.createContext("/stock/find/", exchange -> {
            String item = exchange.getRequestURI().getPath().substring("/stock/find/".length());
            if (item.equals("7")) {
                respond(exchange, 200, "{\"stock\":100,\"price\":5}");
            } else {
                respond(exchange, 400, "{\"error\":{\"code\":\"unknown_item\",\"message\":\"item " + item + " does not exist\"}}");
            }
        });
        server.createContext("/stock/add/", exchange -> {
            forwarded.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            respond(exchange, 200, "{\"stock\":101}");
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

package io.bookstore.localstack.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHealthProbeTest {

    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<Integer> status = new AtomicReference<>();
    private HttpServer server;
    private HttpHealthProbe probe;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] response = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
            exchange.sendResponseHeaders(status.get(), response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        server.start();
        probe = new HttpHealthProbe(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/health"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void upWhenTheActuatorSaysUp() {
        status.set(200);
        body.set("{\"status\":\"UP\"}");

        assertThat(probe.check()).isEqualTo(Health.up("UP"));
    }

    @Test
    void downWhenTheActuatorAnswers503() {
        status.set(503);
        body.set("{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"}}}");

        assertThat(probe.check()).isEqualTo(Health.down("DOWN (HTTP 503; db DOWN)"));
    }

    @Test
    void downWhenNothingListens() {
        server.stop(0);

        Health health = probe.check();

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).startsWith("no answer");
    }
}

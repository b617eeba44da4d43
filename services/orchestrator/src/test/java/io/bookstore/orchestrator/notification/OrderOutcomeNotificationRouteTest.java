package io.bookstore.orchestrator.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator route routes/orchestrator/order-outcome-notification.yaml as shipped, against a local webhook. */
class OrderOutcomeNotificationRouteTest {

    private static final Path ROUTES = Path.of(Objects.requireNonNull(System.getenv("ROUTES_DIR"),
            "ROUTES_DIR names the repository's routes/ (the module's surefire configuration sets it)"));
    private static final String OUTCOME = "{\"orderId\":\"o-1\",\"attempt\":1,\"status\":\"REJECTED\",\"reason\":\"out of stock\"}";

    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private HttpServer webhook;
    private DefaultCamelContext camel;

    @BeforeEach
    void startWebhook() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hooks/orders", request -> {
            posted.add(request.getRequestMethod() + " " + request.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(request.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            request.sendResponseHeaders(answer.get(), -1);
            request.close();
        });
        webhook.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        webhook.stop(0);
    }

    @Test
    void postsTheOutcomeAsJsonToTheConfiguredWebhook() throws Exception {
        start("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/orders");

        Exchange done = notifyOutcome();

        assertThat(done.getException()).isNull();
        assertThat(posted).containsExactly("POST application/json " + OUTCOME);
    }

    @Test
    void withoutAWebhookOnlyLogs() throws Exception {
        start("");

        Exchange done = notifyOutcome();

        assertThat(done.getException()).isNull();
        assertThat(posted).isEmpty();
    }

    @Test
    void aFailingWebhookIsRetriedByTheSharedPolicyAndTheFailureReachesTheCaller() throws Exception {
        start("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/orders");
        answer.set(500);

        Exchange done = notifyOutcome();

        assertThat(done.getException()).isNotNull();
        assertThat(posted).hasSize(3);
    }

    private void start(String webhookUrl) throws Exception {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("notifications.outcome-webhook-url", webhookUrl);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                PluginHelper.getResourceLoader(camel).resolveResource("file:" + ROUTES.resolve("shared/error-policy.yaml")),
                PluginHelper.getResourceLoader(camel).resolveResource(
                        "file:" + ROUTES.resolve("orchestrator/order-outcome-notification.yaml")));
        camel.start();
    }

    private Exchange notifyOutcome() {
        return camel.createProducerTemplate().request("direct:order-outcome-notification", exchange -> {
            Map.of("orderId", "o-1", "attempt", 1, "status", "REJECTED", "reason", "out of stock")
                    .forEach(exchange.getMessage()::setHeader);
            exchange.getMessage().setBody(OUTCOME);
        });
    }
}

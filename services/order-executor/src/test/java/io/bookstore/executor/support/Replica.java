package io.bookstore.executor.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.executor.leadership.Leadership;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StatefulService;
import org.apache.curator.framework.CuratorFramework;
import org.springframework.context.ConfigurableApplicationContext;

/** One order-executor replica: a whole Spring Boot application context, as the process would run it. */
public final class Replica implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instanceId;
    private final ConfigurableApplicationContext context;

    Replica(String instanceId, ConfigurableApplicationContext context) {
        this.instanceId = instanceId;
        this.context = context;
    }

    public String instanceId() {
        return instanceId;
    }

    public Leadership leadership() {
        return context.getBean(Leadership.class);
    }

    public CuratorFramework curator() {
        return context.getBean(CuratorFramework.class);
    }

    /** How many approved orders this replica counted with the given outcome (received, executed, refused...). */
    public double orders(String outcome) {
        return counter("executor.orders", "outcome", outcome);
    }

    /** How many sagas this replica brought to the given final state (COMPLETED, COMPENSATED, NEEDS_ATTENTION). */
    public double sagas(String status) {
        return counter("executor.sagas", "status", status);
    }

    /** How many participants' replies this replica read, awaited by one of its saga steps or not. */
    public double replies(boolean awaited) {
        return counter("executor.saga.replies", "awaited", String.valueOf(awaited));
    }

    public double leadershipChanges(String change) {
        return counter("executor.leadership.changes", "change", change);
    }

    private double counter(String name, String tag, String value) {
        var counter = context.getBean(MeterRegistry.class).find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Whether the Kafka consumer of the approved orders route runs (the route itself never starts on its own). */
    public boolean consuming() {
        var route = context.getBean(CamelContext.class).getRoute("approved-orders");
        return route.getConsumer() instanceof StatefulService consumer && consumer.getStatus() == ServiceStatus.Started;
    }

    /** Whether this replica reads saga.replies (only while it leads). */
    public boolean readingReplies() {
        return context.getBean(CamelContext.class).getRouteController().getRouteStatus("saga-replies")
                == ServiceStatus.Started;
    }

    /** GET /leader over HTTP. */
    public JsonNode leaderEndpoint() throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/leader")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /leader answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public boolean running() {
        return context.isRunning();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}

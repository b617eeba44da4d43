package io.bookstore.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an endpoint to send them to (here a local OTLP receiver that counts what it is sent), spans are recorded and
 * exported; a trace whose first span is named in tracing.untraced-roots (here: a timer's) is still not recorded.
 */
@CamelSpringBootTest
@SpringBootTest(classes = TracedApplication.class,
        properties = {"camel.main.use-mdc-logging=true", "spring.application.name=exported",
                "tracing.untraced-roots=timer"})
class TraceExportTest {

    private static final AtomicInteger EXPORTS = new AtomicInteger();
    private static final HttpServer RECEIVER = receiver();

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("tracing.otlp.endpoint", () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort());
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @Test
    void aRecordSentOnIsRecordedAndItsSpansExported() {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("second").whenDone(1).create();
        int exportsBefore = EXPORTS.get();

        producer.sendBody("direct:first", "order");

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        Map<String, String> seen = TracedApplication.SEEN;
        assertThat(seen.get("second")).isEqualTo(seen.get("first")).matches("[0-9a-f]{32}");
        assertThat(seen.get("traceparent")).as("recorded: trace flags 01")
                .startsWith("00-" + seen.get("first") + "-").endsWith("-01");
        // the batch span processor sends what it has every 5 s
        await().atMost(Duration.ofSeconds(15)).until(() -> EXPORTS.get() > exportsBefore);
    }

    @Test
    void aTraceThatATimerStartsIsNotRecorded() {
        String key = TracedApplication.housekeeping("exported");
        await().atMost(Duration.ofSeconds(10)).until(() -> TracedApplication.SEEN.containsKey(key));

        assertThat(TracedApplication.SEEN.get(key)).as("not recorded: trace flags 00")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    }

    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                exchange.getRequestBody().readAllBytes();
                EXPORTS.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.bookstore.orchestrator.queue;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.orchestrator.order.OutboxTrace;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The transactional outbox's relay: messages committed with an order change are published to Kafka, then marked
 * published. A crash between the two publishes a message twice, never zero times; consumers dedupe by order id.
 * <p>
 * A batch goes out at once: every message of it is in flight together (Kafka keeps their order per key), and once
 * Kafka has acknowledged them all, one statement marks the batch published. One message at a time, each waiting for
 * its acknowledgement and its own commit, held the whole pipeline near 50 orders/s.
 */
@Component
public class OutboxRelayRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayRoutes.class);

    private final JdbcTemplate jdbc;
    private final int batchSize;
    private final long sendTimeoutMillis;
    private AsyncProducer kafka;

    public OutboxRelayRoutes(JdbcTemplate jdbc, @Value("${outbox.batch-size}") int batchSize,
                             @Value("${outbox.send-timeout-ms}") long sendTimeoutMillis) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    private record Pending(long id, String topic, String key, Map<String, String> headers, byte[] payload) {
    }

    @Override
    public void configure() throws Exception {
        kafka = getContext().getEndpoint("kafka:{{topics.orders-approved}}").createAsyncProducer();
        getContext().addService(kafka, true, true);

        from("timer:outbox-relay?period={{outbox.poll-delay-ms}}&delay=0").routeId("outbox-relay")
                .process(this::publishPending);
    }

    private void publishPending(Exchange tick) throws InterruptedException, SQLException {
        List<Pending> batch;
        do {
            batch = jdbc.query("select id, topic, message_key, headers, payload from outbox "
                    + "where published_at is null order by id limit ?", OutboxRelayRoutes::pending, batchSize);
            if (batch.isEmpty()) {
                return;
            }
            publish(batch);
            Long[] ids = batch.stream().map(Pending::id).toArray(Long[]::new);
            jdbc.update(connection -> {
                var update = connection.prepareStatement("update outbox set published_at = now() where id = any(?)");
                Array array = connection.createArrayOf("bigint", ids);
                update.setArray(1, array);
                return update;
            });
            batch.forEach(OutboxRelayRoutes::logPublished);
        } while (batch.size() == batchSize);
    }

    /** Sends every message of the batch at once and returns when Kafka has acknowledged each of them. */
    private void publish(List<Pending> batch) throws InterruptedException {
        CountDownLatch acknowledged = new CountDownLatch(batch.size());
        List<Exchange> sent = new ArrayList<>();
        for (Pending message : batch) {
            Exchange exchange = new DefaultExchange(getContext());
            exchange.getMessage().setHeader(KafkaConstants.KEY, message.key());
            exchange.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, message.topic());
            message.headers().forEach(exchange.getMessage()::setHeader);
            exchange.getMessage().setBody(message.payload());
            sent.add(exchange);
            kafka.process(exchange, doneSync -> acknowledged.countDown());
        }
        if (!acknowledged.await(sendTimeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch within " + sendTimeoutMillis
                    + " ms; it is sent again");
        }
        for (Exchange exchange : sent) {
            if (exchange.getException() != null) {
                throw new IllegalStateException("an outbox message was not published; the batch is sent again",
                        exchange.getException());
            }
        }
    }

    /**
     * The order's line, with its id and clock, when the message carries the clock (every message about an order), and
     * the trace of the request that wrote it.
     */
    private static void logPublished(Pending message) {
        String clock = message.headers().get(VectorClock.HEADER);
        if (clock == null) {
            LOG.info("published {} to {}", message.key(), message.topic());
            return;
        }
        OrderLogContext.set(message.key(), VectorClock.parse(clock));
        MDC.put(OutboxTrace.TRACE_ID, OutboxTrace.traceId(message.headers().get("traceparent")));
        LOG.info("published to {}", message.topic());
        MDC.remove(OutboxTrace.TRACE_ID);
        OrderLogContext.clear();
    }

    private static Pending pending(ResultSet row, int n) throws SQLException {
        return new Pending(row.getLong("id"), row.getString("topic"), row.getString("message_key"),
                headers(row.getString("headers")), row.getBytes("payload"));
    }

    /** "name=value;name=value" */
    private static Map<String, String> headers(String written) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : written.split(";")) {
            int eq = header.indexOf('=');
            if (eq > 0) {
                headers.put(header.substring(0, eq), header.substring(eq + 1));
            }
        }
        return headers;
    }
}

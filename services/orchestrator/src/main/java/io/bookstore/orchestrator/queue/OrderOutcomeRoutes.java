package io.bookstore.orchestrator.queue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderState;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import io.bookstore.orchestrator.order.OrderStore.SagaOutcome;
import io.bookstore.orchestrator.order.OutboxTrace;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The end of every saga: the order's final state is recorded and the requests waiting for it are woken. Every
 * orchestrator instance reads every outcome (a consumer group of its own), since any of them may hold a waiter.
 * Outcomes are recorded a batch at a time, one statement per batch, until the batch is full or
 * order-outcomes.batch-interval-ms has passed; offsets are committed once their outcomes are recorded
 * (RecordedOffsets): a crash redelivers an outcome, which then changes nothing.
 */
@Component
public class OrderOutcomeRoutes extends RouteBuilder {

    private final OrderStore orders;
    private final OrderChanges changes;
    private final int redeliveries;
    private final long redeliveryDelayMs;
    private final RecordedOffsets offsets;

    public OrderOutcomeRoutes(OrderStore orders, OrderChanges changes,
                              @Value("${order-outcomes.redeliveries}") int redeliveries,
                              @Value("${order-outcomes.redelivery-delay-ms}") long redeliveryDelayMs,
                              @Value("${topics.orders-outcomes}") String topic,
                              @Value("${order-outcomes.commit-interval-ms}") long commitIntervalMs) {
        this.orders = orders;
        this.changes = changes;
        this.redeliveries = redeliveries;
        this.redeliveryDelayMs = redeliveryDelayMs;
        this.offsets = new RecordedOffsets(topic, commitIntervalMs);
    }

    @Override
    public void configure() {
        // a batch that could not be recorded (the database away) is recorded again: an outcome recorded twice
        // changes nothing the second time
        errorHandler(defaultErrorHandler()
                .maximumRedeliveries(redeliveries)
                .redeliveryDelay(redeliveryDelayMs)
                .useExponentialBackOff()
                .maximumRedeliveryDelay(10 * redeliveryDelayMs)
                .retryAttemptedLogLevel(LoggingLevel.WARN));

        from("kafka:{{topics.orders-outcomes}}?groupId={{spring.application.name}}-{{bookstore.instance-id}}"
                + "&autoOffsetReset=latest"
                + "&batching=true&maxPollRecords={{order-outcomes.batch-size}}"
                + "&pollTimeoutMs={{order-outcomes.batch-interval-ms}}&batchingIntervalMs={{order-outcomes.batch-interval-ms}}"
                + "&fetchMinBytes={{order-outcomes.fetch-min-bytes}}&fetchWaitMaxMs={{order-outcomes.batch-interval-ms}}"
                + "&autoCommitEnable=false&allowManualCommit=true")
                .routeId("order-outcomes")
                .process(this::record);
    }

    private void record(Exchange batch) {
        List<Exchange> records = batch.getMessage().getBody(List.class);
        List<SagaOutcome> outcomes = new ArrayList<>();
        List<String> traceIds = new ArrayList<>();
        for (Exchange exchange : records) {
            try {
                outcomes.add(outcome(OrderOutcome.parseFrom(exchange.getMessage().getBody(byte[].class))));
                traceIds.add(OutboxTrace.traceId(exchange.getMessage().getHeader("traceparent", String.class)));
            } catch (InvalidProtocolBufferException e) {
                log.warn("unreadable order outcome skipped: {}", e.getMessage());
            }
        }
        boolean[] moved = orders.recordOutcomes(outcomes);
        String batchTrace = MDC.get(OutboxTrace.TRACE_ID);
        for (int i = 0; i < moved.length; i++) {
            SagaOutcome outcome = outcomes.get(i);
            OrderLogContext.set(outcome.orderId(), outcome.event().clock());
            // each outcome's line carries its order's trace, not the batch's
            MDC.put(OutboxTrace.TRACE_ID, traceIds.get(i));
            if (moved[i]) {
                log.info("order {}{}", outcome.status().name().toLowerCase(),
                        outcome.reason() == null ? "" : ": " + outcome.reason());
                changes.ended(new OrderState(outcome.orderId(), outcome.status(), outcome.reason(),
                        outcome.event().clock()));
            } else {
                changes.changed(outcome.orderId());
            }
        }
        OrderLogContext.clear();
        if (batchTrace == null) {
            MDC.remove(OutboxTrace.TRACE_ID);
        } else {
            MDC.put(OutboxTrace.TRACE_ID, batchTrace);
        }
        offsets.recorded(records);
    }

    private static SagaOutcome outcome(OrderOutcome outcome) {
        OrderStatus status = switch (outcome.getStatus()) {
            case PAID -> OrderStatus.PAID;
            case NEEDS_ATTENTION -> OrderStatus.NEEDS_ATTENTION;
            default -> OrderStatus.REJECTED;
        };
        String reason = outcome.getReason().isEmpty() ? null : outcome.getReason();
        return new SagaOutcome(outcome.getOrderId(), outcome.getAttempt(), status, reason,
                new OrderEvent(outcome.getExecutorId(), "saga ended: " + status.name().toLowerCase()
                        + (reason == null ? "" : " (" + reason + ")"), VectorClocks.fromProto(outcome.getClock())));
    }
}

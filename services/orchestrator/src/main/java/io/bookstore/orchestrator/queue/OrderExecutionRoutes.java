package io.bookstore.orchestrator.queue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import io.bookstore.orchestrator.order.OrderStore.ExecutionProgress;
import io.bookstore.orchestrator.order.OrderStore.ProgressRecord;
import io.bookstore.orchestrator.order.OutboxTrace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records in the order which executor, under which leadership epoch, took it into execution and how its saga went.
 * A saga sends about six such events; they are read and written in batches, one transaction per batch. Camel's
 * batching consumer gathers records across polls until the batch is full or order-executions.batch-interval-ms has
 * passed, so Kafka's periodic auto-commit could commit records still waiting in a batch: offsets are committed here
 * instead, for each partition, after a batch is recorded and at most once per order-executions.commit-interval-ms (a
 * crash redelivers, never loses, an event; the history keeps one of each, see OrderStore.recordExecutions).
 */
@Component
public class OrderExecutionRoutes extends RouteBuilder {

    private final OrderStore orders;
    private final int redeliveries;
    private final long redeliveryDelayMs;
    private final long commitIntervalNanos;
    /** The latest recorded event's commit of each partition, not committed yet: the consumer's thread only. */
    private final Map<Integer, KafkaManualCommit> uncommitted = new HashMap<>();
    private long lastCommit = System.nanoTime();

    public OrderExecutionRoutes(OrderStore orders,
                                @Value("${order-executions.redeliveries}") int redeliveries,
                                @Value("${order-executions.redelivery-delay-ms}") long redeliveryDelayMs,
                                @Value("${order-executions.commit-interval-ms}") long commitIntervalMs) {
        this.orders = orders;
        this.redeliveries = redeliveries;
        this.redeliveryDelayMs = redeliveryDelayMs;
        this.commitIntervalNanos = TimeUnit.MILLISECONDS.toNanos(commitIntervalMs);
    }

    @Override
    public void configure() {
        DatabaseRetries.apply(this, redeliveries, redeliveryDelayMs);

        from("kafka:{{topics.orders-executions}}?groupId={{spring.application.name}}&autoOffsetReset=earliest"
                + "&batching=true&maxPollRecords={{order-executions.batch-size}}"
                + "&pollTimeoutMs={{order-executions.batch-interval-ms}}&batchingIntervalMs={{order-executions.batch-interval-ms}}"
                + "&fetchMinBytes={{order-executions.fetch-min-bytes}}&fetchWaitMaxMs={{order-executions.batch-interval-ms}}"
                + "&autoCommitEnable=false&allowManualCommit=true")
                .routeId("order-executions")
                .process(this::record);
    }

    private void record(Exchange batch) {
        List<Exchange> records = batch.getMessage().getBody(List.class);
        List<Received> received = new ArrayList<>();
        for (Exchange exchange : records) {
            try {
                received.add(new Received(OrderExecution.parseFrom(exchange.getMessage().getBody(byte[].class)),
                        OutboxTrace.traceId(exchange.getMessage().getHeader("traceparent", String.class))));
            } catch (InvalidProtocolBufferException e) {
                log.warn("unreadable execution event skipped: {}", e.getMessage());
            }
        }
        List<ExecutionProgress> progress = received.stream().map(OrderExecutionRoutes::progress).toList();
        ProgressRecord[] recorded = orders.recordExecutions(progress);
        String batchTrace = MDC.get(OutboxTrace.TRACE_ID);
        for (int i = 0; i < recorded.length; i++) {
            ExecutionProgress step = progress.get(i);
            OrderLogContext.set(step.orderId(), step.event().clock());
            // each event's line carries its order's trace, not the batch's
            MDC.put(OutboxTrace.TRACE_ID, received.get(i).traceId());
            switch (recorded[i]) {
                case RECORDED -> log.info("{}: {}", step.event().service(), step.event().event());
                case ALREADY_RECORDED -> log.info("{}: {} (delivered again, recorded before)", step.event().service(),
                        step.event().event());
                case UNKNOWN_ORDER -> log.warn("execution event for an order this orchestrator does not know: {}",
                        step.orderId());
            }
        }
        OrderLogContext.clear();
        if (batchTrace == null) {
            MDC.remove(OutboxTrace.TRACE_ID);
        } else {
            MDC.put(OutboxTrace.TRACE_ID, batchTrace);
        }
        commit(records);
    }

    /**
     * Commits each partition's last recorded record (a batch holds one topic's records), once the commit interval
     * has passed: each commit is a request the consumer waits for, and a commit per batch was a third of the records
     * Kafka appended for the offsets of every consumer of the stack (make bench).
     */
    private void commit(List<Exchange> records) {
        for (Exchange record : records) {
            Message message = record.getMessage();
            uncommitted.put(message.getHeader(KafkaConstants.PARTITION, Integer.class),
                    message.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        }
        long now = System.nanoTime();
        if (now - lastCommit >= commitIntervalNanos) {
            lastCommit = now;
            uncommitted.forEach((partition, offset) -> {
                try {
                    offset.commit();
                } catch (RuntimeException e) {
                    // the partition moved to another consumer, or Kafka is away: its events may come again
                    log.warn("could not commit the offset of orders.executions partition {}: {}", partition,
                            e.getMessage());
                }
            });
            uncommitted.clear();
        }
    }

    private static ExecutionProgress progress(Received received) {
        OrderExecution execution = received.execution();
        VectorClock clock = VectorClocks.fromProto(execution.getClock());
        return new ExecutionProgress(execution.getOrderId(), execution.getAttempt(), execution.getExecutorId(),
                execution.getEpoch(), statusAt(execution.getStage()), new OrderEvent(service(execution), event(execution), clock));
    }

    private static String service(OrderExecution execution) {
        return execution.getService().isEmpty() ? execution.getExecutorId() : execution.getService();
    }

    private static String event(OrderExecution execution) {
        return execution.getEvent().isEmpty()
                ? "execution " + execution.getStage().name().toLowerCase() + " (epoch " + execution.getEpoch() + ")"
                : execution.getEvent();
    }

    /** The order's status once its saga reached the stage; a participant's reply leaves it as it is. */
    private static Optional<OrderStatus> statusAt(OrderExecution.Stage stage) {
        return Optional.ofNullable(switch (stage) {
            case STARTED -> OrderStatus.EXECUTING;
            case RESERVING -> OrderStatus.RESERVING;
            case CHARGING -> OrderStatus.CHARGING;
            case COMPENSATING -> OrderStatus.COMPENSATING;
            case FINISHED -> OrderStatus.EXECUTED;
            default -> null;
        });
    }

    private record Received(OrderExecution execution, String traceId) {
    }
}

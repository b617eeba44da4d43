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
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records in the order which executor, under which leadership epoch, took it into execution and how its saga went.
 * A saga sends about six such events; they are read and written in batches, one transaction per batch. Camel's
 * batching consumer gathers records across polls until the batch is full or order-executions.batch-interval-ms has
 * passed, so Kafka's periodic auto-commit could commit records still waiting in a batch: the offsets of recorded
 * batches are committed instead (RecordedOffsets, at most once per order-executions.commit-interval-ms; a crash
 * redelivers, never loses, an event; the history keeps one of each, see OrderStore.recordExecutions).
 */
@Component
public class OrderExecutionRoutes extends RouteBuilder {

    private final OrderStore orders;
    private final int redeliveries;
    private final long redeliveryDelayMs;
    private final RecordedOffsets offsets;

    public OrderExecutionRoutes(OrderStore orders,
                                @Value("${order-executions.redeliveries}") int redeliveries,
                                @Value("${order-executions.redelivery-delay-ms}") long redeliveryDelayMs,
                                @Value("${order-executions.commit-interval-ms}") long commitIntervalMs) {
        this.orders = orders;
        this.redeliveries = redeliveries;
        this.redeliveryDelayMs = redeliveryDelayMs;
        this.offsets = new RecordedOffsets(commitIntervalMs);
    }

    @Override
    public void configure() {
        DatabaseRetries.apply(this, redeliveries, redeliveryDelayMs);

        from("kafka:{{topics.orders-executions}}?groupId={{spring.application.name}}&autoOffsetReset=earliest"
                + "&batching=true&maxPollRecords={{order-executions.batch-size}}"
                + "&pollTimeoutMs={{order-executions.batch-interval-ms}}&batchingIntervalMs={{order-executions.batch-interval-ms}}"
                + "&fetchMinBytes={{order-executions.fetch-min-bytes}}&fetchWaitMaxMs={{order-executions.batch-interval-ms}}"
                + "&breakOnFirstError=true&autoCommitEnable=false&allowManualCommit=true"
                + "&kafkaManualCommitFactory=#class:" + RecordedOffsets.Handles.class.getName())
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
        offsets.recorded(records);
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

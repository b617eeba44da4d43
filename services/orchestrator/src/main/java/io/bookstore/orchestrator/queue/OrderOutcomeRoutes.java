package io.bookstore.orchestrator.queue;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderState;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualAsyncCommitFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The end of every saga: the order's final state is recorded and the requests waiting for it are woken. Every
 * orchestrator instance reads every outcome (a consumer group of its own), since any of them may hold a waiter.
 * An outcome its database refuses is tried again (DatabaseRetries): lost, it would leave the order at its last stage.
 * Only recorded outcomes have their offsets committed (by Camel, asynchronously after each poll): Kafka's periodic
 * auto-commit commits the consumer's position, past an outcome whose retries the route's stop cut short. Such an
 * outcome breaks off the poll (breakOnFirstError), so that the next start reads it again.
 */
@Component
public class OrderOutcomeRoutes extends RouteBuilder {

    private final OrderStore orders;
    private final OrderChanges changes;
    private final int redeliveries;
    private final long redeliveryDelayMs;

    public OrderOutcomeRoutes(OrderStore orders, OrderChanges changes,
                              @Value("${order-outcomes.redeliveries}") int redeliveries,
                              @Value("${order-outcomes.redelivery-delay-ms}") long redeliveryDelayMs) {
        this.orders = orders;
        this.changes = changes;
        this.redeliveries = redeliveries;
        this.redeliveryDelayMs = redeliveryDelayMs;
    }

    @Override
    public void configure() {
        DatabaseRetries.apply(this, redeliveries, redeliveryDelayMs);

        from("kafka:{{topics.orders-outcomes}}?groupId={{spring.application.name}}-{{bookstore.instance-id}}"
                + "&autoOffsetReset=latest&breakOnFirstError=true&autoCommitEnable=false&allowManualCommit=true"
                + "&kafkaManualCommitFactory=#class:" + DefaultKafkaManualAsyncCommitFactory.class.getName())
                .routeId("order-outcomes")
                .process(this::record);
    }

    private void record(Exchange exchange) throws Exception {
        OrderOutcome outcome = OrderOutcome.parseFrom(exchange.getMessage().getBody(byte[].class));
        VectorClock clock = VectorClocks.fromProto(outcome.getClock());
        OrderLogContext.set(outcome.getOrderId(), clock);
        OrderStatus status = switch (outcome.getStatus()) {
            case PAID -> OrderStatus.PAID;
            case NEEDS_ATTENTION -> OrderStatus.NEEDS_ATTENTION;
            default -> OrderStatus.REJECTED;
        };
        String reason = outcome.getReason().isEmpty() ? null : outcome.getReason();
        boolean recorded = orders.recordOutcome(outcome.getOrderId(), outcome.getAttempt(), status, reason,
                new OrderEvent(outcome.getExecutorId(), "saga ended: " + status.name().toLowerCase()
                        + (reason == null ? "" : " (" + reason + ")"), clock));
        if (recorded) {
            log.info("order {}{}", status.name().toLowerCase(), reason == null ? "" : ": " + reason);
            changes.ended(new OrderState(outcome.getOrderId(), status, reason, clock));
        } else {
            changes.changed(outcome.getOrderId());
        }
        OrderLogContext.clear();
    }
}

package io.bookstore.orchestrator.queue;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Records in the order which executor, under which leadership epoch, took it into execution and finished it. */
@Component
public class OrderExecutionRoutes extends RouteBuilder {

    private final OrderStore orders;

    public OrderExecutionRoutes(OrderStore orders) {
        this.orders = orders;
    }

    @Override
    public void configure() {
        from("kafka:{{topics.orders-executions}}?groupId={{spring.application.name}}&autoOffsetReset=earliest")
                .routeId("order-executions")
                .process(this::record);
    }

    private void record(Exchange exchange) throws Exception {
        OrderExecution execution = OrderExecution.parseFrom(exchange.getMessage().getBody(byte[].class));
        VectorClock clock = VectorClocks.fromProto(execution.getClock());
        OrderLogContext.set(execution.getOrderId(), clock);
        String service = execution.getService().isEmpty() ? execution.getExecutorId() : execution.getService();
        String event = execution.getEvent().isEmpty()
                ? "execution " + execution.getStage().name().toLowerCase() + " (epoch " + execution.getEpoch() + ")"
                : execution.getEvent();
        boolean known = orders.recordExecution(execution.getOrderId(), execution.getAttempt(), execution.getExecutorId(), execution.getEpoch(),
                statusAt(execution.getStage()), new OrderEvent(service, event, clock));
        if (known) {
            log.info("{}: {}", service, event);
        } else {
            log.warn("execution event for an order this orchestrator does not know: {}", execution.getOrderId());
        }
        OrderLogContext.clear();
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
}

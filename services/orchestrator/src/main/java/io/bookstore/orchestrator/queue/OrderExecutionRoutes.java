package io.bookstore.orchestrator.queue;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderStore;
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
        boolean known = orders.recordExecution(execution.getOrderId(), execution.getExecutorId(), execution.getEpoch(),
                execution.getStage() == OrderExecution.Stage.FINISHED,
                new OrderEvent(execution.getExecutorId(), "execution " + execution.getStage().name().toLowerCase()
                        + " (epoch " + execution.getEpoch() + ")", clock));
        if (known) {
            log.info("order {} by {} in epoch {}", execution.getStage().name().toLowerCase(), execution.getExecutorId(),
                    execution.getEpoch());
        } else {
            log.warn("execution event for an order this orchestrator does not know: {}", execution.getOrderId());
        }
        OrderLogContext.clear();
    }
}

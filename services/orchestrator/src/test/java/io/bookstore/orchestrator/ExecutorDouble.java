package io.bookstore.orchestrator;

import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.OrderOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stands in for the order executors in the orchestrator's own tests: every queued order gets an outcome, paid
 * unless its account is {@link #BROKE} or it holds the {@link #SOLD_OUT} book; an order holding the
 * {@link #UNFINISHED} book never ends. The real executors and saga are tested in their module and the system tests.
 */
@TestConfiguration
class ExecutorDouble {

    static final String BROKE = "broke-user";
    static final String SOLD_OUT = "Sold Out Atlas";
    static final String UNFINISHED = "Unfinished Map";
    static final List<OrderApproved> queued = new CopyOnWriteArrayList<>();

    @Bean
    RouteBuilder executorDoubleRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("kafka:orders.approved?groupId=executor-double&autoOffsetReset=earliest").routeId("executor-double")
                        .process(exchange -> {
                            OrderApproved order = OrderApproved.parseFrom(exchange.getMessage().getBody(byte[].class));
                            queued.add(order);
                            if (order.getLinesList().stream().anyMatch(line -> line.getTitle().equals(UNFINISHED))) {
                                exchange.setRouteStop(true);
                                return;
                            }
                            String reason = order.getAccountId().equals(BROKE) ? "insufficient credit"
                                    : order.getLinesList().stream().anyMatch(line -> line.getTitle().equals(SOLD_OUT))
                                    ? "out of stock: " + SOLD_OUT : "";
                            boolean paid = reason.isEmpty();
                            exchange.getMessage().setBody(OrderOutcome.newBuilder()
                                    .setOrderId(order.getOrderId())
                                    .setAttempt(order.getAttempt())
                                    .setStatus(paid ? OrderOutcome.Status.PAID : OrderOutcome.Status.REJECTED)
                                    .setReason(reason)
                                    .setExecutorId("order-executor-double")
                                    .setClock(VectorClocks.toProto(VectorClocks.fromProto(order.getClock()).tick("order-executor-double")))
                                    .build().toByteArray());
                        })
                        .to("kafka:orders.outcomes");
            }
        };
    }
}

package io.bookstore.orchestrator.order;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.CardTier;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.PricedLine;
import io.bookstore.orchestrator.api.ApiException;
import io.bookstore.orchestrator.api.ApiResponses;
import io.bookstore.orchestrator.api.PathParams;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * POST /orders/checkout/{id}: queue the order for the checkout saga and answer once the saga has ended, so the
 * answer always matches what happened to stock and money. A paid order is not charged again.
 */
@Component
public class BenchmarkCheckout {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkCheckout.class);
    private final OrderStore orders;
    private final SagaOutcomes outcomes;
    private final String instanceId;
    private final String approvedTopic;

    public BenchmarkCheckout(OrderStore orders, SagaOutcomes outcomes,
                             @Value("${bookstore.instance-id}") String instanceId,
                             @Value("${topics.orders-approved}") String approvedTopic) {
        this.orders = orders;
        this.outcomes = outcomes;
        this.instanceId = instanceId;
        this.approvedTopic = approvedTopic;
    }

    public void checkout(Exchange exchange) throws InterruptedException {
        String orderId = PathParams.id(exchange, "order_id");
        VectorClock clock = VectorClock.empty().tick(instanceId);
        String trace = OutboxTrace.header(exchange);
        SagaOutcomes.Watch watch = outcomes.watch(orderId);
        OrderStore.CheckoutStart start = null;
        try {
            start = orders.startCheckout(orderId, order -> queued(order, clock, trace),
                    new OrderEvent(instanceId, "checkout queued", clock));
        } finally {
            // a checkout already running or paid waits on the same registration (cancelling it would leave a
            // concurrent request that started the saga unwoken until its next look)
            if (start == null || start == OrderStore.CheckoutStart.UNKNOWN_ORDER
                    || start == OrderStore.CheckoutStart.NO_ITEMS) {
                watch.cancel();
            }
        }
        OrderLogContext.set(orderId, clock);
        switch (start) {
            case UNKNOWN_ORDER -> throw ApiException.badRequest("unknown_order", "order " + orderId + " does not exist");
            case NO_ITEMS -> throw ApiException.badRequest("no_items", "order " + orderId + " has no items");
            case STARTED -> {
                log.info("checkout queued");
                answer(exchange, watch.awaitFinalState());
            }
            case IN_PROGRESS, ALREADY_PAID -> {
                log.info("checkout requested again: {}", start.name().toLowerCase());
                answer(exchange, outcomes.awaitFinalState(orderId));
            }
        }
    }

    private static void answer(Exchange exchange, OrderState order) {
        OrderLogContext.clear();
        switch (order.status()) {
            case PAID -> ApiResponses.ok(exchange, Map.of("order_id", order.id(), "paid", true, "status", "PAID"));
            case REJECTED -> throw ApiException.badRequest("checkout_rejected", "checkout of order " + order.id()
                    + " failed: " + order.reason());
            case NEEDS_ATTENTION -> throw ApiException.badRequest("checkout_needs_attention", "checkout of order "
                    + order.id() + " could not be completed or undone; an operator is needed");
            default -> throw new ApiException(503, "checkout_pending", "checkout of order " + order.id()
                    + " is still running; GET /orders/" + order.id() + " tells when it ends");
        }
    }

    private OutboxMessage queued(CheckoutAttempt order, VectorClock clock, String traceHeader) {
        OrderApproved approved = OrderApproved.newBuilder()
                .setOrderId(order.orderId())
                .setTier(CardTier.CARD_TIER_NONE)
                .addAllLines(order.lines().stream().map(line -> PricedLine.newBuilder().setItemId(line.itemId())
                        .setQuantity(line.quantity()).setUnitPrice(line.unitPrice()).build()).toList())
                .setAccountId(order.accountId())
                .setTotal(order.total())
                .setAttempt(order.attempt())
                .setClock(VectorClocks.toProto(clock))
                .build();
        return OutboxMessage.aboutOrder(approvedTopic, order.orderId(), clock, "tier=None" + traceHeader,
                approved.toByteArray());
    }
}

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
import io.bookstore.orchestrator.queue.OrderChanges;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final Duration RECHECK = Duration.ofSeconds(1);
    private static final Set<OrderStatus> FINAL = EnumSet.of(OrderStatus.PAID, OrderStatus.REJECTED, OrderStatus.NEEDS_ATTENTION);

    private final OrderStore orders;
    private final OrderChanges changes;
    private final String instanceId;
    private final String approvedTopic;
    private final Duration answerWithin;

    public BenchmarkCheckout(OrderStore orders, OrderChanges changes,
                             @Value("${bookstore.instance-id}") String instanceId,
                             @Value("${topics.orders-approved}") String approvedTopic,
                             @Value("${checkout.answer-within}") Duration answerWithin) {
        this.orders = orders;
        this.changes = changes;
        this.instanceId = instanceId;
        this.approvedTopic = approvedTopic;
        this.answerWithin = answerWithin;
    }

    public void checkout(Exchange exchange) throws InterruptedException {
        String orderId = PathParams.id(exchange, "order_id");
        VectorClock clock = VectorClock.empty().tick(instanceId);
        OrderStore.CheckoutStart start = orders.startCheckout(orderId, order -> queued(order, clock),
                new OrderEvent(instanceId, "checkout queued", clock));
        OrderLogContext.set(orderId, clock);
        switch (start) {
            case UNKNOWN_ORDER -> throw ApiException.badRequest("unknown_order", "order " + orderId + " does not exist");
            case NO_ITEMS -> throw ApiException.badRequest("no_items", "order " + orderId + " has no items");
            case STARTED -> log.info("checkout queued");
            case IN_PROGRESS, ALREADY_PAID -> log.info("checkout requested again: {}", start.name().toLowerCase());
        }
        answer(exchange, awaitFinalState(orderId));
    }

    private OrderRecord awaitFinalState(String orderId) throws InterruptedException {
        long deadline = System.nanoTime() + answerWithin.toNanos();
        while (true) {
            CompletableFuture<Void> changed = changes.next(orderId);
            OrderStatus status = orders.status(orderId).orElseThrow();
            long remaining = deadline - System.nanoTime();
            if (FINAL.contains(status) || remaining <= 0) {
                changes.giveUp(orderId, changed);
                return orders.find(orderId).orElseThrow();
            }
            try {
                // woken by the outcome; the periodic look covers an outcome recorded by another instance
                changed.get(Math.min(remaining, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                changes.giveUp(orderId, changed);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void answer(Exchange exchange, OrderRecord order) {
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

    private OutboxMessage queued(OrderRecord order, VectorClock clock) {
        OrderApproved approved = OrderApproved.newBuilder()
                .setOrderId(order.id())
                .setTier(CardTier.CARD_TIER_NONE)
                .addAllLines(order.lines().stream().map(line -> PricedLine.newBuilder().setItemId(line.itemId())
                        .setQuantity(line.quantity()).setUnitPrice(line.unitPrice()).build()).toList())
                .setAccountId(order.accountId())
                .setTotal(order.total())
                .setAttempt(order.attempt())
                .setClock(VectorClocks.toProto(clock))
                .build();
        return new OutboxMessage(approvedTopic, order.id(), "tier=None", approved.toByteArray());
    }
}

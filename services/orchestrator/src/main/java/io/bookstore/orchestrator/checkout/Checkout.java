package io.bookstore.orchestrator.checkout;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.VerificationRequest;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.contracts.orderevents.PricedLine;
import io.bookstore.orchestrator.api.ApiException;
import io.bookstore.orchestrator.api.ApiResponses;
import io.bookstore.orchestrator.catalog.Book;
import io.bookstore.orchestrator.catalog.Catalog;
import io.bookstore.orchestrator.order.IdempotencyKey;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderLine;
import io.bookstore.orchestrator.order.OrderState;
import io.bookstore.orchestrator.order.OrderStatus;
import io.bookstore.orchestrator.order.OrderStore;
import io.bookstore.orchestrator.order.OutboxMessage;
import io.bookstore.orchestrator.order.OutboxTrace;
import io.bookstore.orchestrator.order.SagaOutcomes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The steps of one checkout: receive, decide (approve or reject), settle (an approved order's saga reserves its
 * books and charges its card), answer. Each step is a durable write.
 */
@Component
public class Checkout {

    static final String ORDER_ID = "orderId";
    static final String CLOCK = "orderClock";
    static final String REQUEST = "checkoutRequest";
    static final String OUTCOME = "checkoutOutcome";
    /** Set when the request is a retry (same Idempotency-Key and body) of the checkout of this order. */
    static final String RETRY_OF = "checkoutRetryOf";

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);
    private static final String NEEDS_ATTENTION =
            "the checkout could not be completed or undone; an operator will settle it";

    private final CheckoutRequestReader reader;
    private final OrderStore orders;
    private final Catalog catalog;
    private final SagaOutcomes sagaOutcomes;
    private final String instanceId;
    private final String approvedTopic;

    public Checkout(CheckoutRequestReader reader, OrderStore orders, Catalog catalog, SagaOutcomes sagaOutcomes,
                    @Value("${bookstore.instance-id}") String instanceId,
                    @Value("${topics.orders-approved}") String approvedTopic) {
        this.reader = reader;
        this.orders = orders;
        this.catalog = catalog;
        this.sagaOutcomes = sagaOutcomes;
        this.instanceId = instanceId;
        this.approvedTopic = approvedTopic;
    }

    public void receive(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        CheckoutRequest request = reader.read(body);
        Optional<IdempotencyKey> key = IdempotencyKeys.of(exchange.getMessage().getHeader(IdempotencyKeys.HEADER, String.class), body);
        CardTier tier = CardTier.fromClientCard(request.clientCard());
        String orderId = UUID.randomUUID().toString();
        VectorClock clock = VectorClock.empty().tick(instanceId);
        List<OrderLine> lines = request.items() == null ? List.of() : request.items().stream()
                .map(item -> new OrderLine(item.id(), item.name(), item.quantity(), 0))
                .toList();
        Optional<IdempotencyKey.FirstUse> earlier = orders.insertCheckoutOrder(orderId,
                CardAccounts.accountOf(request.creditCard()), tier.label(), lines,
                new OrderEvent(instanceId, "received", clock), key);
        if (earlier.isPresent()) {
            if (!earlier.get().sameRequest()) {
                throw new ApiException(422, "idempotency_key_reused", "the Idempotency-Key was first used for a "
                        + "different request (order " + earlier.get().orderId() + "); use a new key for a new order");
            }
            OrderLogContext.set(earlier.get().orderId(), VectorClock.empty());
            log.info("checkout retried with its Idempotency-Key: answering the first try's order");
            exchange.setProperty(ORDER_ID, earlier.get().orderId());
            exchange.setProperty(RETRY_OF, earlier.get().orderId());
            return;
        }
        OrderLogContext.set(orderId, clock);
        log.info("order received: tier={} lines={}", tier.label(), lines.size());

        exchange.setProperty(ORDER_ID, orderId);
        exchange.setProperty(CLOCK, clock);
        exchange.setProperty(REQUEST, request);
        exchange.getMessage().setBody(VerificationRequest.newBuilder()
                .setOrder(OrderContracts.toProto(orderId, request, tier))
                .setClock(VectorClocks.toProto(clock))
                .build());
    }

    public void approve(Exchange exchange) {
        String orderId = exchange.getProperty(ORDER_ID, String.class);
        CheckoutRequest request = exchange.getProperty(REQUEST, CheckoutRequest.class);
        Verification verification = exchange.getMessage().getBody(Verification.class);
        VectorClock decided = exchange.getProperty(CLOCK, VectorClock.class);
        List<OrderEvent> replies = new ArrayList<>();
        for (Map.Entry<Verifier, VectorClock> reply : verification.replies().entrySet()) {
            replies.add(new OrderEvent(reply.getKey().serviceName(), "approved", reply.getValue()));
            decided = decided.merge(reply.getValue());
        }
        decided = decided.tick(instanceId);
        orders.recordEvents(orderId, replies);

        List<OrderLine> priced = price(request, decided);
        long total = priced.stream().mapToLong(line -> line.unitPrice() * line.quantity()).sum();
        CardTier tier = CardTier.fromClientCard(request.clientCard());
        OrderApproved approved = OrderApproved.newBuilder()
                .setOrderId(orderId)
                .setTier(tier.contract())
                .addAllLines(priced.stream().map(line -> PricedLine.newBuilder().setItemId(line.itemId())
                        .setTitle(line.title()).setQuantity(line.quantity()).setUnitPrice(line.unitPrice()).build()).toList())
                .setAccountId(CardAccounts.accountOf(request.creditCard()))
                .setTotal(total)
                .setClock(VectorClocks.toProto(decided))
                .build();
        orders.approve(orderId, priced, total, new OrderEvent(instanceId, "decided: approved", decided),
                OutboxMessage.aboutOrder(approvedTopic, orderId, decided,
                        "tier=" + tier.label() + OutboxTrace.header(exchange), approved.toByteArray()));
        OrderLogContext.set(orderId, decided);
        log.info("order approved: total={} suggestions={}", total, verification.suggestedBooks().size());

        exchange.setProperty(CLOCK, decided);
        exchange.setProperty(OUTCOME, CheckoutOutcome.approved(orderId, verification.suggestedBooks()));
    }

    public void reject(Exchange exchange) {
        OrderRejectedException rejection = caught(exchange, OrderRejectedException.class);
        String orderId = exchange.getProperty(ORDER_ID, String.class);
        VectorClock decided = exchange.getProperty(CLOCK, VectorClock.class).merge(rejection.clock()).tick(instanceId);
        orders.recordEvent(orderId, new OrderEvent(rejection.service(), "rejected: " + rejection.reason(), rejection.clock()));
        orders.transition(orderId, OrderStatus.REJECTED, rejection.reason(),
                new OrderEvent(instanceId, "decided: rejected", decided));
        OrderLogContext.set(orderId, decided);
        log.info("order rejected by {}: {}", rejection.service(), rejection.reason());

        exchange.setProperty(CLOCK, decided);
        exchange.setProperty(OUTCOME, CheckoutOutcome.rejected(orderId, rejection.reason()));
    }

    /** No verdict without every service: the order is closed as rejected and the client gets a 503. */
    public void abandon(Exchange exchange) {
        VerificationUnavailableException failure = caught(exchange, VerificationUnavailableException.class);
        String orderId = exchange.getProperty(ORDER_ID, String.class);
        VectorClock decided = exchange.getProperty(CLOCK, VectorClock.class).tick(instanceId);
        orders.transition(orderId, OrderStatus.REJECTED, failure.getMessage(),
                new OrderEvent(instanceId, "decided: not verified", decided));
        orders.releaseIdempotencyKey(orderId);
        OrderLogContext.set(orderId, decided);
        log.warn("order not verified: {}", failure.getMessage());

        exchange.setProperty(CLOCK, decided);
        exchange.setProperty(OUTCOME, CheckoutOutcome.failed(orderId, failure));
    }

    /**
     * Approval by the verification services is not yet a sale: the answer waits for the saga, so "Order Approved"
     * means the books are reserved and the card charged, and a saga that fails answers "Order Rejected" with its reason.
     */
    public void settle(Exchange exchange) throws InterruptedException {
        CheckoutOutcome outcome = exchange.getProperty(OUTCOME, CheckoutOutcome.class);
        if (!outcome.approved()) {
            return;
        }
        settle(exchange, outcome);
    }

    /**
     * A retried checkout answers what its first try's order came to, once it has come to an end (the first try may
     * still be running), or 202 at once when asked to. Suggestions are not repeated.
     */
    public void answerRetry(Exchange exchange) throws InterruptedException {
        String prefer = exchange.getMessage().getHeader("Prefer", String.class);
        if (prefer != null && prefer.contains("respond-async")) {
            accepted(exchange);
            return;
        }
        settle(exchange, CheckoutOutcome.approved(exchange.getProperty(RETRY_OF, String.class), List.of()));
        answer(exchange);
    }

    private void settle(Exchange exchange, CheckoutOutcome outcome) throws InterruptedException {
        exchange.setProperty(OUTCOME, outcome);
        OrderState order = sagaOutcomes.awaitFinalState(outcome.orderId());
        OrderLogContext.set(order.id(), order.clock());
        exchange.setProperty(CLOCK, order.clock());
        switch (order.status()) {
            case PAID -> log.info("order paid: answering approved");
            case REJECTED -> {
                log.info("order rejected: {}", order.reason());
                exchange.setProperty(OUTCOME, CheckoutOutcome.rejected(order.id(), order.reason()));
            }
            case NEEDS_ATTENTION -> {
                log.warn("order needs attention: answering rejected");
                exchange.setProperty(OUTCOME, CheckoutOutcome.rejected(order.id(), NEEDS_ATTENTION));
            }
            default -> throw new ApiException(503, "checkout_pending", "checkout of order " + order.id()
                    + " is still running; GET /orders/" + order.id() + " tells when it ends");
        }
    }

    public void accepted(Exchange exchange) {
        String orderId = exchange.getProperty(ORDER_ID, String.class);
        OrderLogContext.clear();
        ApiResponses.json(exchange, 202, Map.of("orderId", orderId, "status", "Order Received",
                "location", "/orders/" + orderId));
        exchange.getMessage().setHeader("Location", "/orders/" + orderId);
        exchange.getMessage().setHeader("Preference-Applied", "respond-async");
    }

    public void answer(Exchange exchange) {
        CheckoutOutcome outcome = exchange.getProperty(OUTCOME, CheckoutOutcome.class);
        OrderLogContext.clear();
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", outcome.orderId());
        body.put("status", outcome.approved() ? "Order Approved" : "Order Rejected");
        body.put("suggestedBooks", outcome.suggestedBooks().stream()
                .map(book -> Map.of("bookId", book.getBookId(), "title", book.getTitle(), "author", book.getAuthor()))
                .toList());
        if (outcome.reason() != null) {
            body.put("reason", outcome.reason());
        }
        ApiResponses.ok(exchange, body);
        exchange.getMessage().setHeader(VectorClock.HEADER, exchange.getProperty(CLOCK, VectorClock.class).toString());
    }

    /** The fan-out wraps a service's exception in its own; the cause is what the client must hear about. */
    private static <T extends Exception> T caught(Exchange exchange, Class<T> type) {
        return ObjectHelper.getException(type, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    private List<OrderLine> price(CheckoutRequest request, VectorClock clock) {
        return request.items().stream().map(item -> {
            Book book = findInCatalog(item).orElseThrow(() -> new OrderRejectedException(instanceId,
                    "unknown book: " + (item.name() != null ? item.name() : item.id()), clock));
            return new OrderLine(book.id(), book.title(), item.quantity(), book.price());
        }).toList();
    }

    private Optional<Book> findInCatalog(CheckoutRequest.Item item) {
        try {
            return catalog.find(item.id(), item.name());
        } catch (RuntimeException e) {
            throw new VerificationUnavailableException("stock catalog", e.getMessage());
        }
    }
}

package io.bookstore.executor.saga;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution.Stage;
import io.bookstore.contracts.orderevents.PricedLine;
import io.bookstore.contracts.saga.PaymentCommand;
import io.bookstore.contracts.saga.StockCommand;
import io.bookstore.contracts.saga.StockLine;
import io.bookstore.executor.OrderOutcomes;
import io.bookstore.executor.causality.OrderMdc;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.offsets.WatermarkManualCommits;
import io.bookstore.executor.outcome.OutcomePublisher;
import io.bookstore.executor.sagalog.DurableSagaCoordinator;
import io.bookstore.executor.sagalog.DurableSagaService;
import io.bookstore.executor.sagalog.SagaProperties;
import io.bookstore.executor.sagalog.SagaThreads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Predicate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What each step of the checkout saga does: the commands it sends (stock RESERVE for every line, payment CHARGE of
 * the order's total, and their undos RELEASE and REFUND with the same operation key), and what it makes of the
 * participants' replies. Every command and every reply ticks the order's vector clock; a reply's clock is merged.
 * <p>
 * Waiting for a reply holds no thread: the route goes on, on a saga thread, when the reply comes or the saga ends.
 */
@Component
public class CheckoutSteps {

    static final String RESERVE = "reserve";
    static final String CHARGE = "charge";

    /** The saga options: captured when a step begins, the headers its compensation gets. */
    public static final String OPERATION_KEY = "operationKey";
    public static final String ORDER_ID = "orderId";
    public static final String ACCOUNT_ID = "accountId";
    public static final String AMOUNT = "amount";

    /** Exchange property: the reply to the command just sent, once it is there. */
    public static final String REPLY = "sagaStepReply";

    private static final String AWAITED = "sagaAwaitedReply";
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutSteps.class);

    private final DurableSagaService sagas;
    private final SagaReplies replies;
    private final OutcomePublisher events;
    private final ExecutorService executor;
    private final Duration undoReplyTimeout;
    private final Counter started;

    public CheckoutSteps(DurableSagaService sagas, SagaReplies replies, OutcomePublisher events,
                         SagaThreads threads, SagaProperties properties,
                         MeterRegistry meters) {
        this.sagas = sagas;
        this.replies = replies;
        this.events = events;
        this.executor = threads.executor();
        this.undoReplyTimeout = properties.ending().replyTimeout();
        started = OrderOutcomes.counter(meters, "saga-started");
    }

    /** "order/attempt/step": the same key for the action and its undo, and a new one for each checkout attempt. */
    public static String operationKey(ApprovedOrder order, String step) {
        return order.sagaId() + "/" + step;
    }

    static String stepOf(String operationKey) {
        return operationKey.substring(operationKey.lastIndexOf('/') + 1);
    }

    public String reserveKey(Exchange exchange) {
        return operationKey(order(exchange), RESERVE);
    }

    public String chargeKey(Exchange exchange) {
        return operationKey(order(exchange), CHARGE);
    }

    public String orderId(Exchange exchange) {
        return order(exchange).orderId();
    }

    public String accountId(Exchange exchange) {
        return order(exchange).approved().getAccountId();
    }

    public long amount(Exchange exchange) {
        return order(exchange).approved().getTotal();
    }

    /** The saga is in the log: the order's offset may be committed (a saga a new leader drives on has none). */
    public void acknowledge(Exchange exchange) {
        if (exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT) != null) {
            WatermarkManualCommits.acknowledge(exchange);
        }
        started.increment();
    }

    /** OrderExecution STARTED: the orchestrator's history names the executor that runs the saga, and its epoch. */
    public void announce(Exchange exchange) {
        DurableSagaCoordinator saga = saga(exchange);
        events.started(saga.record(), saga.tick());
    }

    /** Step 1: one RESERVE for every line of the order, all or nothing at the stock service. */
    public void reserve(Exchange exchange) {
        ApprovedOrder order = order(exchange);
        DurableSagaCoordinator saga = saga(exchange);
        String key = operationKey(order, RESERVE);
        VectorClock clock = saga.tick();
        StockCommand command = StockCommand.newBuilder()
                .setOperationKey(key)
                .setOrderId(order.orderId())
                .setKind(StockCommand.Kind.RESERVE)
                .addAllLines(order.approved().getLinesList().stream().map(line -> StockLine.newBuilder()
                        .setItemId(line.getItemId()).setQuantity(line.getQuantity()).build()).toList())
                .setClock(VectorClocks.toProto(clock))
                .build();
        exchange.setProperty(AWAITED, replies.expectAction(saga.getId(), key));
        toRecord(exchange, order.orderId(), clock, command.toByteArray());
        events.step(saga.record(), Stage.RESERVING, "", "reserving " + describe(order), clock);
        OrderMdc.with(order.orderId(), clock, () -> LOG.info("RESERVE {} [{}] -> stock", key,
                describe(order)));
    }

    /** Step 2: CHARGE the order's total to the paying account. */
    public void charge(Exchange exchange) {
        ApprovedOrder order = order(exchange);
        DurableSagaCoordinator saga = saga(exchange);
        String key = operationKey(order, CHARGE);
        VectorClock clock = saga.tick();
        PaymentCommand command = PaymentCommand.newBuilder()
                .setOperationKey(key)
                .setOrderId(order.orderId())
                .setKind(PaymentCommand.Kind.CHARGE)
                .setAccountId(order.approved().getAccountId())
                .setAmount(order.approved().getTotal())
                .setClock(VectorClocks.toProto(clock))
                .build();
        exchange.setProperty(AWAITED, replies.expectAction(saga.getId(), key));
        toRecord(exchange, order.orderId(), clock, command.toByteArray());
        events.step(saga.record(), Stage.CHARGING, "", "charging " + command.getAmount(), clock);
        OrderMdc.with(order.orderId(), clock, () -> LOG.info("CHARGE {} [{} to {}] -> payment", key,
                command.getAmount(), command.getAccountId()));
    }

    /** Undoes step 1 with the reserve's own key (a saga option): gives back whatever it took, if anything. */
    public void release(Exchange exchange) {
        Message in = exchange.getMessage();
        String key = in.getHeader(OPERATION_KEY, String.class);
        String orderId = in.getHeader(ORDER_ID, String.class);
        DurableSagaCoordinator saga = saga(exchange);
        VectorClock clock = saga.tick();
        StockCommand command = StockCommand.newBuilder()
                .setOperationKey(key)
                .setOrderId(orderId)
                .setKind(StockCommand.Kind.RELEASE)
                .setClock(VectorClocks.toProto(clock))
                .build();
        exchange.setProperty(AWAITED, replies.expectUndo(saga.getId(), key, undoReplyTimeout));
        toRecord(exchange, orderId, clock, command.toByteArray());
        events.step(saga.record(), Stage.COMPENSATING, "", "releasing the reserved stock", clock);
        OrderMdc.with(orderId, clock, () -> LOG.info("RELEASE {} -> stock", key));
    }

    /** Undoes step 2 with the charge's own key, account and amount (saga options). */
    public void refund(Exchange exchange) {
        Message in = exchange.getMessage();
        String key = in.getHeader(OPERATION_KEY, String.class);
        String orderId = in.getHeader(ORDER_ID, String.class);
        DurableSagaCoordinator saga = saga(exchange);
        VectorClock clock = saga.tick();
        PaymentCommand command = PaymentCommand.newBuilder()
                .setOperationKey(key)
                .setOrderId(orderId)
                .setKind(PaymentCommand.Kind.REFUND)
                .setAccountId(in.getHeader(ACCOUNT_ID, String.class))
                .setAmount(in.getHeader(AMOUNT, Long.class))
                .setClock(VectorClocks.toProto(clock))
                .build();
        exchange.setProperty(AWAITED, replies.expectUndo(saga.getId(), key, undoReplyTimeout));
        toRecord(exchange, orderId, clock, command.toByteArray());
        events.step(saga.record(), Stage.COMPENSATING, "", "refunding " + command.getAmount(), clock);
        OrderMdc.with(orderId, clock, () -> LOG.info("REFUND {} [{} to {}] -> payment", key, command.getAmount(),
                command.getAccountId()));
    }

    /**
     * Waits for the reply to the action just sent, or for the saga to end without it (its deadline). A refusal puts
     * its reason on the exchange for the compensation that follows.
     */
    public AsyncProcessor awaitReply() {
        return new Await(false);
    }

    /** Waits for the participant to confirm the undo just sent; no confirmation in time fails this attempt. */
    public AsyncProcessor awaitConfirmation() {
        return new Await(true);
    }

    /** The step's action did not succeed: refused, or no reply before the saga ended. */
    public Predicate failed() {
        return exchange -> !exchange.getProperty(REPLY, StepReply.class).succeeded();
    }

    private final class Await extends AsyncProcessorSupport {

        private final boolean undo;

        Await(boolean undo) {
            this.undo = undo;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean process(Exchange exchange, AsyncCallback callback) {
            CompletableFuture<StepReply> awaited = exchange.getProperty(AWAITED, CompletableFuture.class);
            exchange.removeProperty(AWAITED);
            awaited.whenComplete((reply, failure) -> executor.execute(() -> {
                try {
                    if (failure != null) {
                        throw noConfirmation(failure);
                    }
                    received(exchange, reply, undo);
                } catch (RuntimeException e) {
                    exchange.setException(e);
                } finally {
                    callback.done(false);
                }
            }));
            return false;
        }

        private RuntimeException noConfirmation(Throwable failure) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                return new IllegalStateException("no confirmation within " + undoReplyTimeout.toMillis() + " ms");
            }
            return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }

    private void received(Exchange exchange, StepReply reply, boolean undo) {
        DurableSagaCoordinator saga = saga(exchange);
        VectorClock clock = reply.arrived() ? saga.received(reply.clock()) : saga.clock();
        OrderMdc.with(saga.orderId(), clock, () -> {
            if (reply.arrived()) {
                LOG.info("{} {} {}: {}", reply.participant(), reply.outcome(), reply.operationKey(), reply.reason());
            } else {
                LOG.info("no reply to {}: {}", reply.operationKey(), reply.reason());
            }
        });
        if (reply.arrived()) {
            String answered = reply.reason().isBlank() ? reply.outcome().toLowerCase() : reply.reason();
            events.step(saga.record(), Stage.PARTICIPANT_REPLIED, reply.participant(), answered,
                    VectorClocks.fromProto(reply.clock()));
        } else {
            events.step(saga.record(), Stage.PARTICIPANT_REPLIED, "", "no reply to " + stepOf(reply.operationKey())
                    + ": " + reply.reason(), clock);
        }
        if (undo && !reply.succeeded()) {
            throw new IllegalStateException(reply.participant() + " answered " + reply.outcome() + ": "
                    + reply.reason());
        }
        exchange.setProperty(REPLY, reply);
        if (!reply.succeeded()) {
            exchange.setProperty(DurableSagaService.REASON, reply.reason());
        }
        if (reply.arrived() && !reply.succeeded()) {
            saga.actionRefused(OPERATION_KEY, reply.operationKey());
        }
    }

    /** Only the record's key and the clock travel to Kafka (see VectorClockHeaderOnly); the saga id stays. */
    private static void toRecord(Exchange exchange, String orderId, VectorClock clock, byte[] payload) {
        Message message = exchange.getMessage();
        message.removeHeaders("*", Exchange.SAGA_LONG_RUNNING_ACTION);
        message.setHeader(KafkaConstants.KEY, orderId);
        message.setHeader(VectorClock.HEADER, clock.toString());
        message.setBody(payload);
    }

    private DurableSagaCoordinator saga(Exchange exchange) {
        String sagaId = exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
        if (sagaId == null) {
            throw new IllegalStateException("the exchange is not part of a saga");
        }
        return sagas.coordinator(sagaId)
                .orElseThrow(() -> new IllegalStateException("saga " + sagaId + " is not in the saga log"));
    }

    private static ApprovedOrder order(Exchange exchange) {
        return exchange.getProperty(ApprovedOrder.PROPERTY, ApprovedOrder.class);
    }

    private static String describe(ApprovedOrder order) {
        return order.approved().getLinesList().stream()
                .map(CheckoutSteps::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(PricedLine line) {
        return line.getQuantity() + " x " + (line.getTitle().isBlank() ? line.getItemId() : line.getTitle());
    }
}

package io.bookstore.executor.saga;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.contracts.saga.PaymentReply;
import io.bookstore.contracts.saga.StockReply;
import io.bookstore.executor.sagalog.StepWaits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Correlates the participants' replies on saga.replies with the saga steps waiting for them, by operation key and by
 * whether the reply answers the action (RESERVE, CHARGE) or its undo (RELEASE, REFUND): both carry the same key.
 * A wait is registered before its command is sent, so no reply can overtake it. A reply nobody waits for (a repeated
 * delivery, a reply to a previous leader) is dropped: whoever needs it sends the idempotent command again.
 */
@Component
public class SagaReplies implements StepWaits {

    private static final Logger LOG = LoggerFactory.getLogger(SagaReplies.class);

    private final Map<String, Wait> waits = new ConcurrentHashMap<>();
    private final Counter awaited;
    private final Counter unawaited;

    private record Wait(String sagaId, String operationKey, boolean undo, CompletableFuture<StepReply> reply) {
    }

    public SagaReplies(MeterRegistry meters) {
        awaited = replies(meters, "true");
        unawaited = replies(meters, "false");
    }

    private static Counter replies(MeterRegistry meters, String awaited) {
        return Counter.builder("executor.saga.replies").tag("awaited", awaited)
                .description("participants' replies read, by whether a saga step was waiting for them")
                .register(meters);
    }

    /** Waits for the reply to an action: it comes, or the saga ends without it. */
    public CompletableFuture<StepReply> expectAction(String sagaId, String operationKey) {
        return expect(sagaId, operationKey, false);
    }

    /** Waits for the reply to an undo, at most the given time. */
    public CompletableFuture<StepReply> expectUndo(String sagaId, String operationKey, Duration within) {
        return expect(sagaId, operationKey, true).orTimeout(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<StepReply> expect(String sagaId, String operationKey, boolean undo) {
        String key = key(operationKey, undo);
        Wait wait = waits.computeIfAbsent(key, k -> new Wait(sagaId, operationKey, undo, new CompletableFuture<>()));
        wait.reply().whenComplete((reply, failure) -> waits.remove(key, wait));
        return wait.reply();
    }

    /** A record from saga.replies. */
    public void receive(byte[] payload) {
        StepReply reply;
        try {
            reply = parse(payload);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            LOG.warn("skipping an unreadable saga reply: {}", e.getMessage());
            return;
        }
        Wait wait = waits.get(key(reply.operationKey(), reply.undo()));
        if (wait == null) {
            unawaited.increment();
            LOG.debug("no saga step waits for {} {}", reply.operationKey(), reply.outcome());
            return;
        }
        awaited.increment();
        wait.reply().complete(reply);
    }

    /** The saga's route waits for its action's reply no longer (its compensations wait for theirs). */
    @Override
    public void release(String sagaId) {
        waits.values().stream().filter(wait -> wait.sagaId().equals(sagaId) && !wait.undo())
                .forEach(wait -> wait.reply().complete(StepReply.none(wait.operationKey(),
                        "the saga is being compensated")));
    }

    @Override
    public void releaseAll() {
        waits.values().forEach(wait -> wait.reply().complete(StepReply.none(wait.operationKey(),
                "this replica no longer leads")));
    }

    /**
     * Both reply messages have the same fields; the step named at the end of the operation key says which one it is
     * (".../reserve" is the stock's, ".../charge" the payment's).
     */
    static StepReply parse(byte[] payload) throws InvalidProtocolBufferException {
        StockReply stock = StockReply.parseFrom(payload);
        String step = CheckoutSteps.stepOf(stock.getOperationKey());
        return switch (step) {
            case CheckoutSteps.RESERVE -> new StepReply(participant(stock.getParticipant(), "stock"),
                    stock.getOperationKey(), stock.getOutcome() == StockReply.Outcome.RELEASED,
                    stock.getOutcome().name(), stock.getOutcome() == StockReply.Outcome.RESERVED
                            || stock.getOutcome() == StockReply.Outcome.RELEASED,
                    stock.getReason(), stock.getClock());
            case CheckoutSteps.CHARGE -> {
                PaymentReply payment = PaymentReply.parseFrom(payload);
                yield new StepReply(participant(payment.getParticipant(), "payment"), payment.getOperationKey(),
                        payment.getOutcome() == PaymentReply.Outcome.REFUNDED, payment.getOutcome().name(),
                        payment.getOutcome() == PaymentReply.Outcome.CHARGED
                                || payment.getOutcome() == PaymentReply.Outcome.REFUNDED,
                        payment.getReason(), payment.getClock());
            }
            default -> throw new IllegalArgumentException("a reply for an unknown step: " + stock.getOperationKey());
        };
    }

    private static String participant(String named, String byStep) {
        return named.isBlank() ? byStep : named;
    }

    private static String key(String operationKey, boolean undo) {
        return operationKey + (undo ? "#undo" : "#action");
    }
}

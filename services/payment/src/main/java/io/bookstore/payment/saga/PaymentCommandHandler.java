package io.bookstore.payment.saga;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.saga.PaymentCommand;
import io.bookstore.contracts.saga.PaymentReply;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns one PaymentCommand record into the PaymentReply to send. Every outcome, an invalid command included, is
 * a typed reply; only infrastructure failures (the database unreachable) escape as exceptions, so that the
 * command is delivered again.
 */
@Component
public class PaymentCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentCommandHandler.class);

    private final PaymentLedger ledger;
    private final ParticipantClock clock;
    private final String participant;
    private final PaymentCommandMetrics metrics;

    public PaymentCommandHandler(PaymentLedger ledger, ParticipantClock clock, PaymentCommandMetrics metrics,
                                 @Value("${spring.application.name}") String participant) {
        this.ledger = ledger;
        this.clock = clock;
        this.participant = participant;
        this.metrics = metrics;
    }

    public void handle(Exchange exchange) throws InvalidProtocolBufferException {
        byte[] payload = exchange.getIn().getBody(byte[].class);
        if (payload == null) {
            throw new InvalidProtocolBufferException("the record has no value");
        }
        PaymentCommand command = PaymentCommand.parseFrom(payload);
        VectorClock now = clock.receive(command.getClock());
        try (MDC.MDCCloseable order = MDC.putCloseable("orderId", command.getOrderId());
             MDC.MDCCloseable vc = MDC.putCloseable("vc", now.toString())) {
            Decision decision = apply(command);
            metrics.handled(command, decision);
            LOG.info("{} {} [{} from {}] -> {}{}: {}", command.getKind(), command.getOperationKey(),
                    command.getAmount(), command.getAccountId(), decision.outcome(),
                    decision.repeated() ? " (repeated delivery)" : "", decision.reason());
            PaymentReply reply = PaymentReply.newBuilder()
                    .setOperationKey(command.getOperationKey())
                    .setOrderId(command.getOrderId())
                    .setOutcome(decision.outcome())
                    .setReason(decision.reason())
                    .setClock(VectorClocks.toProto(now))
                    .setParticipant(participant)
                    .build();
            Message message = exchange.getMessage();
            message.removeHeaders("*", KafkaConstants.MANUAL_COMMIT);
            message.setHeader(KafkaConstants.KEY, command.getOrderId());
            message.setHeader(VectorClock.HEADER, now.toString());
            message.setBody(reply.toByteArray());
        }
    }

    private Decision apply(PaymentCommand command) {
        String invalid = invalidity(command);
        if (invalid != null) {
            return new Decision(PaymentReply.Outcome.UNKNOWN_ACCOUNT, "invalid command: " + invalid, false);
        }
        return switch (command.getKind()) {
            case CHARGE -> ledger.charge(command.getOperationKey(), command.getOrderId(), command.getAccountId(),
                    command.getAmount());
            case REFUND -> ledger.refund(command.getOperationKey(), command.getOrderId());
            default -> throw new IllegalStateException("unexpected kind " + command.getKind());
        };
    }

    /** Why the command cannot be applied, or null when it can. */
    private static String invalidity(PaymentCommand command) {
        if (command.getOperationKey().isBlank()) {
            return "operation_key is blank";
        }
        if (command.getOrderId().isBlank()) {
            return "order_id is blank";
        }
        if (command.getKind() != PaymentCommand.Kind.CHARGE && command.getKind() != PaymentCommand.Kind.REFUND) {
            return "kind must be CHARGE or REFUND";
        }
        if (command.getKind() == PaymentCommand.Kind.CHARGE) {
            if (command.getAccountId().isBlank()) {
                return "account_id is blank";
            }
            if (command.getAmount() < 0) {
                return "amount must not be negative";
            }
        }
        return null;
    }
}

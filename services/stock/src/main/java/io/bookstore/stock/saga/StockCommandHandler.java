package io.bookstore.stock.saga;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.saga.StockCommand;
import io.bookstore.contracts.saga.StockLine;
import io.bookstore.contracts.saga.StockReply;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Turns one StockCommand record into the StockReply to send. Every outcome, an invalid command included, is a
 * typed reply; only infrastructure failures (the database unreachable) escape as exceptions, so that the
 * command is delivered again.
 */
@Component
public class StockCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StockCommandHandler.class);

    private final StockLedger ledger;
    private final ParticipantClock clock;
    private final String participant;
    private final StockCommandMetrics metrics;

    public StockCommandHandler(StockLedger ledger, ParticipantClock clock, StockCommandMetrics metrics,
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
        StockCommand command = StockCommand.parseFrom(payload);
        VectorClock now = clock.receive(command.getClock());
        try (MDC.MDCCloseable order = MDC.putCloseable("orderId", command.getOrderId());
             MDC.MDCCloseable vc = MDC.putCloseable("vc", now.toString())) {
            Decision decision = apply(command);
            metrics.handled(command, decision);
            LOG.info("{} {} [{}] -> {}{}: {}", command.getKind(), command.getOperationKey(), describe(command),
                    decision.outcome(), decision.repeated() ? " (repeated delivery)" : "", decision.reason());
            StockReply reply = StockReply.newBuilder()
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

    private Decision apply(StockCommand command) {
        String invalid = invalidity(command);
        if (invalid != null) {
            return new Decision(StockReply.Outcome.UNKNOWN_ITEM, "invalid command: " + invalid, false);
        }
        return switch (command.getKind()) {
            case RESERVE -> ledger.reserve(command.getOperationKey(), command.getOrderId(), lines(command));
            case RELEASE -> ledger.release(command.getOperationKey(), command.getOrderId());
            default -> throw new IllegalStateException("unexpected kind " + command.getKind());
        };
    }

    /** Why the command cannot be applied, or null when it can. */
    private static String invalidity(StockCommand command) {
        if (command.getOperationKey().isBlank()) {
            return "operation_key is blank";
        }
        if (command.getOrderId().isBlank()) {
            return "order_id is blank";
        }
        if (command.getKind() != StockCommand.Kind.RESERVE && command.getKind() != StockCommand.Kind.RELEASE) {
            return "kind must be RESERVE or RELEASE";
        }
        if (command.getKind() == StockCommand.Kind.RESERVE) {
            if (command.getLinesCount() == 0) {
                return "a reserve needs at least one line";
            }
            for (StockLine line : command.getLinesList()) {
                if (line.getItemId().isBlank()) {
                    return "a line has a blank item_id";
                }
                if (line.getQuantity() <= 0) {
                    return "the quantity of item " + line.getItemId() + " must be positive";
                }
            }
        }
        return null;
    }

    /** The lines by item id, quantities of repeated items added up. */
    private static SortedMap<String, Long> lines(StockCommand command) {
        SortedMap<String, Long> lines = new TreeMap<>();
        command.getLinesList().forEach(line -> lines.merge(line.getItemId(), (long) line.getQuantity(), Long::sum));
        return lines;
    }

    private static String describe(StockCommand command) {
        return command.getLinesList().stream()
                .map(line -> line.getQuantity() + " x " + line.getItemId())
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}

package io.bookstore.executor.outcome;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.contracts.orderevents.OrderExecution.Stage;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.executor.causality.OrderMdc;
import io.bookstore.executor.sagalog.SagaOutcomes;
import io.bookstore.executor.sagalog.SagaRecord;
import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the executors tell the rest of the system about a saga: OrderExecution STARTED when a replica takes the saga
 * on, one for each step and each participant's reply, and, once its final state is durable, OrderExecution FINISHED
 * and the OrderOutcome (PAID, REJECTED with the reason, or NEEDS_ATTENTION) that answers the waiting checkout. Both
 * name the executor and epoch that finished it.
 * <p>
 * The OrderExecution events are history: the saga thread hands each to Kafka's producer and goes on without waiting
 * for the acknowledgement (six times per saga; waiting held the saga threads under load), so one that Kafka refuses
 * is logged and missing from the history. They skip Camel's exchanges and routes: through a SEDA queue, each took two
 * exchanges and woke a second thread (make bench, session 12). Handed to the producer in the saga's order, they keep
 * it on the order's partition. The outcome is sent through a route and acknowledged.
 */
@Component
public class OutcomePublisher implements SagaOutcomes {

    // the producer lingers so that the events of several sagas go to the broker in one request; its own producer, as
    // its settings differ from the commands' (SharedKafkaProducers)
    private static final String EXECUTIONS = "kafka:{{order-executor.topics.executions}}"
            + "?valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer"
            + "&lingerMs={{order-executor.execution-events.linger-ms}}";
    static final String OUTCOMES = "direct:publish-outcome";

    private static final Logger LOG = LoggerFactory.getLogger(OutcomePublisher.class);

    private final ProducerTemplate template;
    // resolved once: resolving a URI with placeholders on every send took a tenth of the leader's CPU (make bench)
    private final Endpoint outcomes;
    private final String executionsTopic;
    private final KafkaProducer executions;

    public OutcomePublisher(ProducerTemplate template) throws Exception {
        CamelContext camel = template.getCamelContext();
        this.template = template;
        this.outcomes = camel.getEndpoint(OUTCOMES);
        // a service of the context: its Kafka producer starts and closes with it
        this.executions = (KafkaProducer) camel.getEndpoint(EXECUTIONS).createProducer();
        this.executionsTopic = executions.getEndpoint().getConfiguration().getTopic();
        camel.addService(executions, true, true);
    }

    /** The saga is (again) under way here: its writer and epoch are this replica's. */
    public void started(SagaRecord saga, VectorClock clock) {
        toHistory(saga.orderId(), clock, OrderExecution.newBuilder()
                .setOrderId(saga.orderId())
                .setAttempt(saga.attempt())
                .setStage(Stage.STARTED)
                .setExecutorId(saga.writtenBy())
                .setEpoch(saga.epoch())
                .setClock(VectorClocks.toProto(clock))
                .build());
    }

    /**
     * A step of the saga for the order's history: a command about to go out, or a participant's reply (with the
     * participant's own clock).
     */
    public void step(SagaRecord saga, Stage stage, String service, String event, VectorClock clock) {
        toHistory(saga.orderId(), clock, OrderExecution.newBuilder()
                .setOrderId(saga.orderId())
                .setAttempt(saga.attempt())
                .setStage(stage)
                .setExecutorId(saga.writtenBy())
                .setEpoch(saga.epoch())
                .setClock(VectorClocks.toProto(clock))
                .setEvent(event)
                .setService(service)
                .build());
    }

    @Override
    public void publish(SagaRecord saga) {
        OrderOutcome.Status status = switch (saga.status()) {
            case COMPLETED -> OrderOutcome.Status.PAID;
            case COMPENSATED -> OrderOutcome.Status.REJECTED;
            case NEEDS_ATTENTION -> OrderOutcome.Status.NEEDS_ATTENTION;
            default -> throw new IllegalStateException("saga " + saga.sagaId() + " has not ended: " + saga.status());
        };
        toHistory(saga.orderId(), saga.clock(), OrderExecution.newBuilder()
                .setOrderId(saga.orderId())
                .setAttempt(saga.attempt())
                .setStage(Stage.FINISHED)
                .setExecutorId(saga.finishedBy())
                .setEpoch(saga.finishedEpoch())
                .setClock(VectorClocks.toProto(saga.clock()))
                .build());
        OrderOutcome.Builder outcome = OrderOutcome.newBuilder()
                .setOrderId(saga.orderId())
                .setAttempt(saga.attempt())
                .setStatus(status)
                .addAllLines(saga.order().getLinesList())
                .setClock(VectorClocks.toProto(saga.clock()))
                .setExecutorId(saga.finishedBy())
                .setEpoch(saga.finishedEpoch());
        if (status != OrderOutcome.Status.PAID && saga.reason() != null) {
            outcome.setReason(saga.reason());
        }
        Exchange sent = send(saga.orderId(), saga.clock(), outcome.build().toByteArray());
        if (sent.getException() != null) {
            throw new IllegalStateException("could not publish the outcome: " + sent.getException().getMessage(),
                    sent.getException());
        }
        OrderMdc.with(saga.orderId(), saga.clock(), () -> LOG.info("outcome {} of attempt {} published{}", status,
                saga.attempt(), outcome.getReason().isEmpty() ? "" : ": " + outcome.getReason()));
    }

    /** Hands a history event to Kafka; one that Kafka refuses (or a stopping replica) is logged and left out. */
    private void toHistory(String orderId, VectorClock clock, OrderExecution event) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(executionsTopic, orderId, event.toByteArray());
        record.headers().add(VectorClock.HEADER, clock.toString().getBytes(StandardCharsets.UTF_8));
        try {
            executions.getKafkaProducer().send(record, (sent, failure) -> {
                if (failure != null) {
                    notInHistory(orderId, clock, event, failure);
                }
            });
        } catch (RuntimeException e) {
            notInHistory(orderId, clock, event, e);
        }
    }

    private static void notInHistory(String orderId, VectorClock clock, OrderExecution event, Exception failure) {
        OrderMdc.with(orderId, clock, () -> LOG.warn("saga event not in the order's history ({} {}): {}",
                event.getStage(), event.getEvent(), failure.getMessage()));
    }

    private Exchange send(String orderId, VectorClock clock, byte[] payload) {
        return template.send(outcomes, exchange -> {
            Message message = exchange.getMessage();
            message.setHeader(KafkaConstants.KEY, orderId);
            message.setHeader(VectorClock.HEADER, clock.toString());
            message.setBody(payload);
        });
    }
}

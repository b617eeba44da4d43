package io.bookstore.executor.execution;

import io.bookstore.executor.OrderOutcomes;
import io.bookstore.executor.causality.OrderMdc;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.intake.TierQueueDepth;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.offsets.WatermarkManualCommits;
import io.bookstore.executor.outcome.OutcomePublisher;
import io.bookstore.executor.sagalog.DurableSagaService;
import io.bookstore.executor.sagalog.EnlistedStep;
import io.bookstore.executor.sagalog.SagaLog;
import io.bookstore.executor.sagalog.SagaProperties;
import io.bookstore.executor.sagalog.SagaRecord;
import io.bookstore.executor.sagalog.SagaStart;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides what an order the resequencer releases needs: a new saga, written to the saga log here, or nothing but its
 * offset committed. An order delivered again (its offset was not committed when a leader stopped, or the
 * orchestrator's relay sent it twice) runs nothing: a finished saga's recorded outcome is published again, a running
 * one goes on as it is. Orders are admitted one at a time, in the resequencer's order, so each costs one round trip
 * to the database: the saga's start with the steps it enlists ahead, which finds a saga already there as well.
 */
@Component
public class OrderAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(OrderAdmission.class);

    private final Leadership leadership;
    private final SagaLog log;
    private final DurableSagaService sagas;
    private final OutcomePublisher outcomes;
    private final Counter redelivered;
    private final TierQueueDepth queue;
    private final Long timeoutMillis;
    private final String instanceId;

    public OrderAdmission(Leadership leadership, SagaLog log, DurableSagaService sagas, OutcomePublisher outcomes,
                          MeterRegistry meters, TierQueueDepth queue, SagaProperties saga,
                          @Value("${bookstore.instance-id}") String instanceId) {
        this.leadership = leadership;
        this.timeoutMillis = saga.timeout() == null ? null : saga.timeout().toMillis();
        this.instanceId = instanceId;
        this.queue = queue;
        this.log = log;
        this.sagas = sagas;
        this.outcomes = outcomes;
        redelivered = OrderOutcomes.counter(meters, "redelivered");
    }

    public void admit(Exchange exchange) {
        // only this replica names the saga an order joins, never the record it arrived in
        exchange.getMessage().removeHeader(Exchange.SAGA_LONG_RUNNING_ACTION);
        long epoch = leadership.currentEpoch();
        ApprovedOrder order = exchange.getProperty(ApprovedOrder.PROPERTY, ApprovedOrder.class);
        queue.dequeued(order.tier());
        // the start is fenced: a stale leader learns here that it is stale, before it acts on the order
        List<EnlistedStep> ahead = sagas.stepsAhead(exchange);
        Optional<Optional<Instant>> started = log.start(order, timeoutMillis, order.clock(), ahead, instanceId,
                epoch);
        if (started.isPresent()) {
            SagaStart start = new SagaStart(started.get().orElse(null), timeoutMillis, ahead, epoch);
            exchange.setProperty(SagaStart.PROPERTY, start);
            OrderMdc.with(order.orderId(), order.clock(), () -> LOG.info(
                    "saga {} started by {} under epoch {}, deadline {}", order.sagaId(), instanceId, epoch,
                    start.deadline()));
            return;
        }
        SagaRecord saga = log.findInTerm(order.sagaId(), epoch).orElseThrow(() -> new IllegalStateException(
                "saga " + order.sagaId() + " is neither new nor in the log"));
        redelivered.increment();
        if (saga.status().isFinal() && saga.outcomePublished()) {
            OrderMdc.with(order.orderId(), saga.clock(), () -> LOG.info(
                    "delivered again: attempt {} ended {} (by {} under epoch {}); publishing its outcome again",
                    order.attempt(), saga.status(), saga.finishedBy(), saga.finishedEpoch()));
            outcomes.publish(saga);
        } else {
            OrderMdc.with(order.orderId(), saga.clock(), () -> LOG.info(
                    "delivered again: the saga of attempt {} is {}; it goes on as it is", order.attempt(),
                    saga.status()));
        }
        WatermarkManualCommits.acknowledge(exchange);
        exchange.setRouteStop(true);
    }
}

package io.bookstore.executor.execution;

import io.bookstore.executor.OrderOutcomes;
import io.bookstore.executor.causality.OrderMdc;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.intake.TierQueueDepth;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.offsets.WatermarkManualCommits;
import io.bookstore.executor.outcome.OutcomePublisher;
import io.bookstore.executor.sagalog.SagaLog;
import io.bookstore.executor.sagalog.SagaRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides what an order the resequencer releases needs: a new saga, or nothing but its offset committed. An order
 * delivered again (its offset was not committed when a leader stopped, or the orchestrator's relay sent it twice)
 * runs nothing: a finished saga's recorded outcome is published again, a running one goes on as it is.
 */
@Component
public class OrderAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(OrderAdmission.class);

    private final Leadership leadership;
    private final SagaLog log;
    private final OutcomePublisher outcomes;
    private final Counter redelivered;
    private final TierQueueDepth queue;

    public OrderAdmission(Leadership leadership, SagaLog log, OutcomePublisher outcomes, MeterRegistry meters,
                          TierQueueDepth queue) {
        this.leadership = leadership;
        this.queue = queue;
        this.log = log;
        this.outcomes = outcomes;
        redelivered = OrderOutcomes.counter(meters, "redelivered");
    }

    public void admit(Exchange exchange) {
        // only this replica names the saga an order joins, never the record it arrived in
        exchange.getMessage().removeHeader(Exchange.SAGA_LONG_RUNNING_ACTION);
        long epoch = leadership.currentEpoch();
        ApprovedOrder order = exchange.getProperty(ApprovedOrder.PROPERTY, ApprovedOrder.class);
        queue.dequeued(order.tier());
        // nearly every order is new: its saga's first write is fenced, so only a saga found is read again under the
        // epoch, before this replica acts on it (the fenced read costs two statements more)
        Optional<SagaRecord> existing = log.find(order.sagaId())
                .flatMap(found -> log.findInTerm(order.sagaId(), epoch));
        if (existing.isEmpty()) {
            return;
        }
        SagaRecord saga = existing.get();
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

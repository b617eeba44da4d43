package io.bookstore.executor.execution;

import io.bookstore.causality.OrderLogContext;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.contracts.orderevents.OrderExecution.Stage;
import io.bookstore.executor.OrderOutcomes;
import io.bookstore.executor.causality.ExecutorClock;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.offsets.WatermarkManualCommits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.OptionalLong;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Executes an approved order under this replica's leadership epoch: records it as started, then as finished, each
 * a fenced write, and answers the OrderExecution events to publish. For now execution is just that durable record;
 * the checkout saga will run between the two steps.
 * <p>
 * A redelivered order (its offset was not committed when the previous leader stopped) changes nothing that is
 * already recorded: a finished one is acknowledged again, a started one is finished. A refused epoch ends this
 * replica's term, and the order is left uncommitted for the replica that leads now.
 */
@Component
public class OrderExecutor {

    /** Set when the order turned out to be finished already, so that the finish step has nothing to do. */
    static final String ALREADY_FINISHED = "executionAlreadyFinished";

    private static final Logger LOG = LoggerFactory.getLogger(OrderExecutor.class);

    private final ExecutionLedger ledger;
    private final Leadership leadership;
    private final ExecutorClock clock;
    private final String instanceId;
    private final Counter executed;
    private final Counter redelivered;
    private final Counter refused;
    private final Counter left;

    public OrderExecutor(ExecutionLedger ledger, Leadership leadership, ExecutorClock clock,
                         @Value("${bookstore.instance-id}") String instanceId, MeterRegistry meters) {
        this.ledger = ledger;
        this.leadership = leadership;
        this.clock = clock;
        this.instanceId = instanceId;
        executed = OrderOutcomes.counter(meters, "executed");
        redelivered = OrderOutcomes.counter(meters, "redelivered");
        refused = OrderOutcomes.counter(meters, "refused");
        left = OrderOutcomes.counter(meters, "left-to-next-leader");
    }

    /** Records the order as started. Answers the events to publish: STARTED, or FINISHED again for a redelivery. */
    public List<OrderExecution> start(Exchange exchange) {
        ApprovedOrder order = exchange.getProperty(ApprovedOrder.PROPERTY, ApprovedOrder.class);
        OptionalLong term = leadership.epoch();
        VectorClock now = clock.tick();
        OrderLogContext.set(order.orderId(), now);
        try {
            if (term.isEmpty()) {
                leaveToNextLeader(exchange);
                return List.of();
            }
            long epoch = term.getAsLong();
            LedgerWrite write = ledger.start(order.orderId(), order.tier(), instanceId, epoch);
            return switch (write.result()) {
                case APPLIED -> {
                    LOG.info("execution STARTED by {} under epoch {}", instanceId, epoch);
                    yield List.of(event(order, Stage.STARTED, instanceId, epoch, now));
                }
                case FENCED -> {
                    refuse(exchange, epoch, write.currentEpoch());
                    yield List.of();
                }
                case ALREADY_STARTED -> {
                    LOG.warn("redelivered: started by {} under epoch {} but never finished; finishing it",
                            write.executorId(), write.epoch());
                    yield List.of();
                }
                case ALREADY_FINISHED -> {
                    LOG.info("redelivered: already executed by {} under epoch {}; publishing FINISHED again",
                            write.executorId(), write.epoch());
                    redelivered.increment();
                    exchange.setProperty(ALREADY_FINISHED, true);
                    yield List.of(event(order, Stage.FINISHED, write.executorId(), write.epoch(), now));
                }
            };
        } finally {
            OrderLogContext.clear();
        }
    }

    /** Records the order as finished. Answers the FINISHED event to publish, if this replica finished it. */
    public List<OrderExecution> finish(Exchange exchange) {
        if (exchange.getProperty(ALREADY_FINISHED, false, Boolean.class)) {
            return List.of();
        }
        ApprovedOrder order = exchange.getProperty(ApprovedOrder.PROPERTY, ApprovedOrder.class);
        OptionalLong term = leadership.epoch();
        VectorClock now = clock.tick();
        OrderLogContext.set(order.orderId(), now);
        try {
            if (term.isEmpty()) {
                leaveToNextLeader(exchange);
                return List.of();
            }
            long epoch = term.getAsLong();
            LedgerWrite write = ledger.finish(order.orderId(), instanceId, epoch);
            switch (write.result()) {
                case APPLIED -> {
                    LOG.info("execution FINISHED by {} under epoch {}", instanceId, epoch);
                    executed.increment();
                    return List.of(event(order, Stage.FINISHED, instanceId, epoch, now));
                }
                case FENCED -> {
                    refuse(exchange, epoch, write.currentEpoch());
                    return List.of();
                }
                case ALREADY_FINISHED -> {
                    LOG.info("already finished by {} under epoch {}", write.executorId(), write.epoch());
                    return List.of();
                }
                default -> throw new IllegalStateException("order " + order.orderId()
                        + " is still STARTED after a refused finish under the current epoch " + epoch);
            }
        } finally {
            OrderLogContext.clear();
        }
    }

    /** The order's execution and its events are durable: its offset may be committed. */
    public void acknowledge(Exchange exchange) {
        WatermarkManualCommits.acknowledge(exchange);
    }

    private void leaveToNextLeader(Exchange exchange) {
        LOG.info("not the leader any more: leaving the order uncommitted for the next leader");
        left.increment();
        exchange.setRouteStop(true);
    }

    private void refuse(Exchange exchange, long staleEpoch, long currentEpoch) {
        LOG.error("write refused by the fence: epoch {} is stale, epoch {} leads; the order is left to its leader",
                staleEpoch, currentEpoch);
        refused.increment();
        exchange.setRouteStop(true);
        leadership.fenced(staleEpoch, currentEpoch);
    }

    private static OrderExecution event(ApprovedOrder order, Stage stage, String executorId, long epoch,
                                        VectorClock clock) {
        return OrderExecution.newBuilder()
                .setOrderId(order.orderId())
                .setStage(stage)
                .setExecutorId(executorId)
                .setEpoch(epoch)
                .setClock(VectorClocks.toProto(clock))
                .build();
    }
}

package io.bookstore.executor.saga;

import io.bookstore.executor.causality.OrderMdc;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.leadership.LeadershipListener;
import io.bookstore.executor.sagalog.DurableSagaCoordinator;
import io.bookstore.executor.sagalog.DurableSagaService;
import io.bookstore.executor.sagalog.SagaLog;
import io.bookstore.executor.sagalog.SagaProperties;
import io.bookstore.executor.sagalog.SagaThreads;
import io.bookstore.executor.sagalog.SagaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes over the sagas a previous leader left, and watches every saga's deadline while this replica leads.
 * <p>
 * When elected: every saga still RUNNING under an earlier epoch whose deadline has not passed is driven on through
 * the saga route again, joined to its saga: its steps are enlisted again (the same steps, already in the log) and
 * their commands sent again, which the participants answer from their record, so whatever can finish finishes.
 * <p>
 * Every sweep-interval: a RUNNING saga past its deadline is compensated ("timed out"); a saga left COMPENSATING or
 * COMPLETING, or ended with its outcome unpublished, that nothing here is ending (a previous leader's, or an ending
 * stopped by a failure) is ended.
 */
@Component
public class SagaRecovery implements LeadershipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SagaRecovery.class);
    private static final int SWEEP_BATCH = 500;

    private final DurableSagaService sagas;
    private final SagaLog log;
    private final Leadership leadership;
    private final CamelContext camel;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final Duration sweepInterval;
    private final String timedOut;
    private volatile ScheduledFuture<?> sweeping;
    private AsyncProducer sagaRoute;

    public SagaRecovery(DurableSagaService sagas, SagaLog log, Leadership leadership, CamelContext camel,
                        SagaThreads threads, SagaProperties properties) {
        this.sagas = sagas;
        this.log = log;
        this.leadership = leadership;
        this.camel = camel;
        this.executor = threads.executor();
        this.timer = threads.timer();
        this.sweepInterval = properties.sweepInterval();
        this.timedOut = "timed out: no answer within " + properties.timeout().toMillis() + " ms";
    }

    @Override
    public void elected(long epoch) {
        executor.execute(() -> recover(epoch));
        sweeping = timer.scheduleWithFixedDelay(() -> executor.execute(this::sweep), sweepInterval.toMillis(),
                sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void relinquished(long epoch) {
        ScheduledFuture<?> sweep = sweeping;
        if (sweep != null) {
            sweep.cancel(false);
        }
        sagas.relinquished();
    }

    private void recover(long epoch) {
        try {
            List<String> running = log.runningBefore(epoch);
            if (!running.isEmpty()) {
                LOG.warn("epoch {}: taking over {} running saga(s) of earlier leaders", epoch, running.size());
            }
            for (String sagaId : running) {
                if (!leadership.leadsIn(epoch)) {
                    return;
                }
                sagas.coordinator(sagaId).ifPresent(this::driveOn);
            }
        } catch (RuntimeException e) {
            LOG.error("could not recover the sagas of earlier leaders ({}); the deadline sweep ends them",
                    e.getMessage(), e);
        }
    }

    private void driveOn(DurableSagaCoordinator saga) {
        Instant deadline = saga.deadline();
        if (saga.status() != SagaStatus.RUNNING || deadline != null && !deadline.isAfter(Instant.now())) {
            return;
        }
        ApprovedOrder order = saga.approvedOrder();
        OrderMdc.with(order.orderId(), order.clock(), () -> LOG.warn(
                "taking over saga {} of an earlier leader: driving it on (deadline {})", saga.getId(), deadline));
        Exchange exchange = camel.getEndpoint(CheckoutSagaRoute.ENTRY).createExchange();
        exchange.setProperty(ApprovedOrder.PROPERTY, order);
        exchange.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, saga.getId());
        sagaRoute().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                LOG.warn("saga {} taken over did not run to its end here ({}); its deadline ends it", saga.getId(),
                        exchange.getException().getMessage());
            }
        });
    }

    private synchronized AsyncProducer sagaRoute() {
        if (sagaRoute == null) {
            try {
                AsyncProducer producer = camel.getEndpoint(CheckoutSagaRoute.ENTRY).createAsyncProducer();
                camel.addService(producer, true, true);
                ServiceHelper.startService(producer);
                sagaRoute = producer;
            } catch (Exception e) {
                throw new IllegalStateException("cannot send to " + CheckoutSagaRoute.ENTRY, e);
            }
        }
        return sagaRoute;
    }

    private void sweep() {
        if (!leadership.leads()) {
            return;
        }
        try {
            for (String sagaId : log.overdue(SWEEP_BATCH)) {
                sagas.coordinator(sagaId).ifPresent(saga -> {
                    if (saga.status() == SagaStatus.RUNNING && !saga.ending()) {
                        saga.compensate(timedOut);
                    }
                });
            }
            for (String sagaId : log.endingOrUnpublished(SWEEP_BATCH)) {
                sagas.coordinator(sagaId).ifPresent(saga -> {
                    if (!saga.ending() && saga.status() != SagaStatus.RUNNING) {
                        saga.resume();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("deadline sweep failed ({}); the next one tries again", e.getMessage());
        }
    }
}

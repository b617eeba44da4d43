package io.bookstore.executor.sagalog;

import io.bookstore.executor.causality.ExecutorClock;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.leadership.FencedException;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.leadership.NotLeaderException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaService;
import org.apache.camel.saga.CamelSagaStep;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Camel's saga service on PostgreSQL: the Saga EIP's sagas, steps, option values and deadlines live in the saga log,
 * written before a step's command is sent, so that a new leader can finish or compensate whatever a crashed one left.
 * <p>
 * Unlike Camel 4.17's in-memory service: a saga's id is its checkout attempt ("order/attempt"); compensating or
 * completing a saga answers only once its final state is durable and its outcome published; each compensation and
 * completion is retried with back-off, and one that never succeeds leaves the saga NEEDS_ATTENTION; every enlistment
 * keeps its own option values; ended sagas are forgotten. Its lifecycle is the Spring context's: a saga route that
 * stops (leadership moves, a route reloads) cannot stop it for the other routes.
 * <p>
 * A coordinator lives for one leadership term of this replica; when the term ends every one is forgotten and the
 * next leader takes the sagas over from the log.
 */
@Component
public class DurableSagaService implements CamelSagaService {

    /** The exchange property a route sets before it compensates a saga: why (it becomes the order's reason). */
    public static final String REASON = "sagaReason";

    private static final Logger LOG = LoggerFactory.getLogger(DurableSagaService.class);

    private final Map<String, DurableSagaCoordinator> coordinators = new ConcurrentHashMap<>();
    private final Map<String, AsyncProducer> producers = new ConcurrentHashMap<>();
    /** The routes' saga steps by their compensation endpoint, as Camel registers them. */
    private final Map<String, CamelSagaStep> registered = new ConcurrentHashMap<>();
    private volatile List<String> enlistedWithStart = List.of();
    private final SagaLog log;
    private final Leadership leadership;
    private final ExecutorClock clocks;
    private final SagaProperties properties;
    private final StepWaits waits;
    private final SagaOutcomes outcomes;
    private final OutcomeMarks marks;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final String instanceId;
    private final MeterRegistry meters;
    private final SagaMetrics metrics;
    private CamelContext camelContext;

    public DurableSagaService(SagaLog log, Leadership leadership, ExecutorClock clocks, SagaProperties properties,
                              StepWaits waits, SagaOutcomes outcomes, OutcomeMarks marks, SagaThreads threads,
                              @Value("${bookstore.instance-id}") String instanceId, MeterRegistry meters,
                              SagaMetrics metrics, CamelContext camelContext) {
        this.camelContext = camelContext;
        this.log = log;
        this.leadership = leadership;
        this.clocks = clocks;
        this.properties = properties;
        this.waits = waits;
        this.outcomes = outcomes;
        this.marks = marks;
        this.executor = threads.executor();
        this.timer = threads.timer();
        this.instanceId = instanceId;
        this.meters = meters;
        this.metrics = metrics;
        Gauge.builder("executor.sagas.active", coordinators, Map::size)
                .description("sagas this replica is driving now").register(meters);
    }

    /** The saga of the checkout attempt on the exchange, which the order's admission wrote to the log. */
    @Override
    public CompletableFuture<CamelSagaCoordinator> newSaga(Exchange exchange) {
        ApprovedOrder order = exchange.getProperty(ApprovedOrder.PROPERTY, ApprovedOrder.class);
        SagaStart start = exchange.getProperty(SagaStart.PROPERTY, SagaStart.class);
        if (order == null || start == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("a checkout saga starts from an approved"
                    + " order its admission wrote to the saga log (exchange properties " + ApprovedOrder.PROPERTY
                    + ", " + SagaStart.PROPERTY + ")"));
        }
        return CompletableFuture.completedFuture(coordinators.computeIfAbsent(order.sagaId(),
                id -> new DurableSagaCoordinator(this, order, start)));
    }

    /** The saga this replica drives, else the one in the log (null when there is none). */
    @Override
    public CompletableFuture<CamelSagaCoordinator> getSaga(String id) {
        try {
            return CompletableFuture.completedFuture(coordinator(id).orElse(null));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public Optional<DurableSagaCoordinator> coordinator(String sagaId) {
        DurableSagaCoordinator active = coordinators.get(sagaId);
        if (active != null) {
            return Optional.of(active);
        }
        long term = leadership.currentEpoch();
        return log.find(sagaId).map(record -> coordinators.computeIfAbsent(sagaId,
                id -> new DurableSagaCoordinator(this, record, log.steps(sagaId), term)));
    }

    /** Kept by compensation endpoint: the steps a saga's start enlists ahead are found among them. */
    @Override
    public void registerStep(CamelSagaStep step) {
        step.getCompensation().ifPresent(compensation -> registered.put(compensation.getEndpointUri(), step));
    }

    /**
     * Every saga started from now on enlists the steps with these compensations in its start's statement, in this
     * order, with their option values evaluated on the admitted order's exchange: each step's own write before its
     * command is sent is then saved. Right only for steps whose option values the order alone decides. A step
     * enlisted ahead whose route does not begin in this term is neither compensated nor completed by it: its
     * command was never sent (a later leader runs its compensation, which the participant's operation key makes
     * harmless).
     */
    public void enlistWithStart(String... compensationUris) {
        enlistedWithStart = Stream.of(compensationUris).map(DurableSagaService::normalized).toList();
    }

    /** The steps the saga of the order on this exchange enlists with its start, numbered from 1. */
    public List<EnlistedStep> stepsAhead(Exchange exchange) {
        List<EnlistedStep> ahead = new ArrayList<>();
        for (String compensation : enlistedWithStart) {
            CamelSagaStep step = registered.get(compensation);
            if (step == null) {
                throw new IllegalStateException("no saga step compensated by " + compensation
                        + " is registered: it cannot be enlisted with the saga's start");
            }
            ahead.add(new EnlistedStep(ahead.size() + 1, compensation,
                    step.getCompletion().map(Endpoint::getEndpointUri).orElse(null),
                    DurableSagaCoordinator.optionValues(step, exchange)));
        }
        return ahead;
    }

    private static String normalized(String uri) {
        try {
            return URISupport.normalizeUri(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an endpoint URI: " + uri, e);
        }
    }

    /** This replica's term ended: every saga it drove is left to the next leader, who recovers it from the log. */
    public void relinquished() {
        waits.releaseAll();
        coordinators.values().forEach(DurableSagaCoordinator::abandon);
        coordinators.clear();
    }

    void forget(DurableSagaCoordinator coordinator) {
        coordinators.remove(coordinator.getId(), coordinator);
    }

    /**
     * What a saga's failure means for this replica: a refused epoch ends its term, and a saga it may no longer drive
     * is forgotten. Any other failure (the database away, a saga already ending) leaves the coordinator as it is:
     * one coordinator per saga, whatever asks for it next.
     */
    void failed(DurableSagaCoordinator coordinator, Throwable failure) {
        if (failure instanceof FencedException fenced) {
            forget(coordinator);
            leadership.fenced(fenced.staleEpoch(), fenced.currentEpoch());
        } else if (failure instanceof NotLeaderException) {
            forget(coordinator);
        }
    }

    /** Sends the exchange to the endpoint without holding a thread while the route waits; then runs whenDone. */
    void send(String uri, Exchange exchange, Runnable whenDone) {
        try {
            AsyncProducer producer = producers.computeIfAbsent(uri, this::startProducer);
            producer.process(exchange, doneSync -> whenDone.run());
        } catch (RuntimeException e) {
            exchange.setException(e);
            whenDone.run();
        }
    }

    Exchange exchangeFor(String uri) {
        return camelContext.getEndpoint(uri).createExchange();
    }

    private AsyncProducer startProducer(String uri) {
        Endpoint endpoint = camelContext.getEndpoint(uri);
        try {
            AsyncProducer producer = endpoint.createAsyncProducer();
            camelContext.addService(producer, true, true);
            ServiceHelper.startService(producer);
            return producer;
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + uri, e);
        }
    }

    void execute(Runnable work) {
        executor.execute(work);
    }

    void schedule(Duration delay, Runnable work) {
        timer.schedule(() -> executor.execute(work), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    Counter ended(SagaStatus status) {
        return Counter.builder("executor.sagas").tag("status", status.name())
                .description("sagas this replica brought to a final state, by that state").register(meters);
    }

    SagaMetrics metrics() {
        return metrics;
    }

    SagaLog log() {
        return log;
    }

    Leadership leadership() {
        return leadership;
    }

    ExecutorClock clocks() {
        return clocks;
    }

    SagaProperties properties() {
        return properties;
    }

    StepWaits waits() {
        return waits;
    }

    SagaOutcomes outcomes() {
        return outcomes;
    }

    OutcomeMarks marks() {
        return marks;
    }

    String instanceId() {
        return instanceId;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Started with the Spring context: a saga processor starting it again changes nothing. */
    @Override
    public void start() {
        LOG.debug("saga service in use by a saga route");
    }

    /**
     * Deliberately not stopped by a saga processor: Camel stops the saga service whenever a route using it stops,
     * which would end every other route's sagas too.
     */
    @Override
    public void stop() {
        LOG.debug("a saga route stopped; the saga service goes on for the others");
    }
}

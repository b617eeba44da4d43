package io.bookstore.executor.sagalog;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.executor.causality.OrderMdc;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.leadership.FencedException;
import io.bookstore.executor.leadership.NotLeaderException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.saga.CamelSagaCoordinator;
import org.apache.camel.saga.CamelSagaStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One checkout saga, as the leader drives it in one leadership term, backed by the saga log.
 * <p>
 * beginStep writes the step (with its endpoints and option values) before the step runs, unless the saga's start
 * enlisted it ahead with the same values (then nothing is written). compensate and complete write the ending, run
 * every enlisted step's compensation or completion in reverse order (each retried with back-off until it succeeds or
 * runs out of attempts), write the final state, publish the outcome, and only then answer: a route that compensates
 * a saga waits until the saga is really compensated.
 * Concurrent requests to end the saga (a refused step and the deadline) share one ending.
 */
public final class DurableSagaCoordinator implements CamelSagaCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(DurableSagaCoordinator.class);

    private final DurableSagaService service;
    private final String sagaId;
    private final OrderApproved order;
    private final String tier;
    private final long term;
    private final List<EnlistedStep> steps = new CopyOnWriteArrayList<>();
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    /** Steps the start enlisted ahead whose route has not begun in this term: nothing of theirs to undo or complete. */
    private final Set<Integer> notBegun = ConcurrentHashMap.newKeySet();

    /** The timeout the saga was written with; null for a saga taken over from the log. */
    private final Long startTimeout;
    private SagaStatus status;
    private VectorClock clock;
    private String reason;
    private Instant deadline;
    private String finishedBy;
    private Long finishedEpoch;
    private boolean outcomePublished;
    private CompletableFuture<Void> ending;
    private SagaEnding endingKind;

    /** A new saga, as the order's admission wrote it to the log. */
    DurableSagaCoordinator(DurableSagaService service, ApprovedOrder order, SagaStart start) {
        this.service = service;
        this.sagaId = order.sagaId();
        this.order = order.approved();
        this.tier = order.tier();
        this.term = start.epoch();
        this.startTimeout = start.timeoutMillis();
        this.status = SagaStatus.RUNNING;
        this.clock = order.clock();
        this.deadline = start.deadline();
        start.stepsAhead().forEach(step -> {
            steps.add(step);
            notBegun.add(step.seq());
        });
    }

    /** A saga from the log. */
    DurableSagaCoordinator(DurableSagaService service, SagaRecord record, List<EnlistedStep> steps, long term) {
        this.service = service;
        this.sagaId = record.sagaId();
        this.order = record.order();
        this.tier = record.tier();
        this.term = term;
        this.startTimeout = null;
        this.steps.addAll(steps);
        adopt(record);
    }

    private void adopt(SagaRecord record) {
        status = record.status();
        clock = clock == null ? record.clock() : clock.merge(record.clock());
        reason = record.reason();
        deadline = record.deadline();
        finishedBy = record.finishedBy();
        finishedEpoch = record.finishedEpoch();
        outcomePublished = record.outcomePublished();
    }

    @Override
    public String getId() {
        return sagaId;
    }

    public String orderId() {
        return order.getOrderId();
    }

    public synchronized SagaStatus status() {
        return status;
    }

    public synchronized Instant deadline() {
        return deadline;
    }

    /** The order as the saga's route takes it, with the saga's clock: how a new leader drives the saga on. */
    public synchronized ApprovedOrder approvedOrder() {
        return new ApprovedOrder(order, tier, clock, -1, -1);
    }

    public synchronized VectorClock clock() {
        return clock;
    }

    /** A saga event: ticks this replica's entry of the order's clock. */
    public synchronized VectorClock tick() {
        clock = service.clocks().tick(clock);
        return clock;
    }

    /** A participant's reply: merges its clock into the order's, and ticks. */
    public synchronized VectorClock received(io.bookstore.contracts.causality.VectorClock replyClock) {
        clock = service.clocks().merge(clock, replyClock);
        return clock;
    }

    @Override
    public synchronized CompletableFuture<Void> beginStep(Exchange exchange, CamelSagaStep step) {
        try {
            if (ending != null || status != SagaStatus.RUNNING) {
                throw new SagaNotRunningException(sagaId, ending != null && endingKind != null
                        ? endingKind.during().name() : status.name());
            }
            checkTerm();
            Long timeout = step.getTimeoutInMilliseconds().orElse(null);
            // a step's deadline is earlier than the saga's only if its timeout is shorter than the one written
            if (timeout != null && (startTimeout == null || timeout < startTimeout)) {
                service.log().deadlineAtMost(sagaId, timeout, term);
            }
            Optional<String> compensation = step.getCompensation().map(Endpoint::getEndpointUri);
            Optional<String> completion = step.getCompletion().map(Endpoint::getEndpointUri);
            if (compensation.isPresent() || completion.isPresent()) {
                clock = service.clocks().tick(clock);
                Map<String, String> values = optionValues(step, exchange);
                Optional<EnlistedStep> known = steps.stream()
                        .filter(enlisted -> enlisted.is(compensation.orElse(null), completion.orElse(null), values))
                        .findFirst();
                if (known.isPresent()) {
                    notBegun.remove(known.get().seq());
                } else {
                    EnlistedStep enlisted = service.log().enlist(sagaId, compensation.orElse(null),
                            completion.orElse(null), values, clock, service.instanceId(), term);
                    if (steps.stream().noneMatch(earlier -> earlier.seq() == enlisted.seq())) {
                        steps.add(enlisted);
                    }
                }
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            service.failed(this, e);
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The option values now, when the step begins: its compensation or completion gets exactly these. */
    static Map<String, String> optionValues(CamelSagaStep step, Exchange exchange) {
        Map<String, String> values = new TreeMap<>();
        step.getOptions().forEach((name, expression) -> {
            Object value = expression.evaluate(exchange, Object.class);
            if (value != null) {
                values.put(name, String.valueOf(value));
            }
        });
        return values;
    }

    /**
     * The participant refused the action of the steps enlisted with this option value (an operation key): it did
     * nothing, and recorded that it did nothing for the key, so a late copy of the action changes nothing either.
     * Such a step has nothing to undo and its compensation is not run. Kept in memory only: a saga compensated by
     * another leader runs every compensation, which is just as correct.
     */
    public void actionRefused(String option, String value) {
        steps.stream().filter(step -> value.equals(step.options().get(option)))
                .forEach(step -> refused.add(step.seq()));
    }

    /** Compensates with the reason the route put on the exchange. Answers once the saga has ended. */
    @Override
    public CompletableFuture<Void> compensate(Exchange exchange) {
        String why = exchange == null ? null : exchange.getProperty(DurableSagaService.REASON, String.class);
        return compensate(why == null ? "compensated" : why);
    }

    public CompletableFuture<Void> compensate(String why) {
        return end(SagaEnding.COMPENSATE, why);
    }

    /** Completes the saga. Answers once the saga has ended. */
    @Override
    public CompletableFuture<Void> complete(Exchange exchange) {
        return end(SagaEnding.COMPLETE, null);
    }

    /** Goes on with an ending a previous leader began, or publishes the outcome it did not publish. */
    public CompletableFuture<Void> resume() {
        SagaStatus current = status();
        if (current == SagaStatus.RUNNING) {
            throw new IllegalStateException("saga " + sagaId + " is running: it has no ending to resume");
        }
        return end(current == SagaStatus.NEEDS_ATTENTION ? null : SagaEnding.of(current), null);
    }

    private CompletableFuture<Void> end(SagaEnding kind, String why) {
        CompletableFuture<Void> answer;
        boolean transition;
        synchronized (this) {
            if (ending != null) {
                return kind == null || endingKind == null || endingKind == kind ? ending
                        : CompletableFuture.failedFuture(
                                new SagaNotRunningException(sagaId, endingKind.during().name()));
            }
            if (status == SagaStatus.RUNNING) {
                transition = true;
            } else if (kind == null || status == SagaStatus.NEEDS_ATTENTION || SagaEnding.of(status) == kind) {
                if (status.isFinal() && outcomePublished) {
                    return CompletableFuture.completedFuture(null);
                }
                transition = false;
            } else {
                return CompletableFuture.failedFuture(new SagaNotRunningException(sagaId, status.name()));
            }
            ending = new CompletableFuture<>();
            endingKind = kind;
            answer = ending;
        }
        service.execute(() -> guarded(() -> runEnding(kind, why, transition)));
        return answer;
    }

    private void runEnding(SagaEnding kind, String why, boolean transition) {
        checkTerm();
        List<EnlistedStep> todo = new ArrayList<>(steps.stream()
                .filter(step -> step.endpointFor(kind).isPresent())
                .filter(step -> !notBegun.contains(step.seq()))
                .filter(step -> kind != SagaEnding.COMPENSATE || !refused.contains(step.seq()))
                .toList());
        Collections.reverse(todo);
        if (transition && todo.isEmpty()) {
            // nothing to run: straight to the final state, in one write
            finish(kind, SagaStatus.RUNNING, why, List.of());
            return;
        }
        if (transition) {
            VectorClock now = tick();
            if (service.log().transition(sagaId, SagaStatus.RUNNING, kind.during(), why, now, service.instanceId(),
                    term).isEmpty()) {
                throw new SagaNotRunningException(sagaId, "no longer RUNNING in the saga log");
            }
            synchronized (this) {
                status = kind.during();
                if (why != null) {
                    reason = why;
                }
            }
            if (kind == SagaEnding.COMPENSATE) {
                service.metrics().compensationBegun();
            }
            log(() -> LOG.info(kind == SagaEnding.COMPENSATE ? "saga COMPENSATING: {}" : "saga COMPLETING{}",
                    kind == SagaEnding.COMPENSATE ? why : ""));
        }
        if (status().isFinal()) {
            publish(1);
            return;
        }
        if (kind == SagaEnding.COMPENSATE) {
            service.waits().release(sagaId);
        }
        runSteps(kind, todo, 0, new ArrayList<>());
    }

    private void runSteps(SagaEnding kind, List<EnlistedStep> todo, int index, List<String> failures) {
        if (index == todo.size()) {
            finish(kind, kind.during(), null, failures);
            return;
        }
        attempt(kind, todo.get(index), 1, failure -> {
            if (failure != null) {
                failures.add(failure);
            }
            runSteps(kind, todo, index + 1, failures);
        });
    }

    /** One attempt at a step's compensation or completion; then the next attempt, or the next step. */
    private void attempt(SagaEnding kind, EnlistedStep step, int attempt, Consumer<String> next) {
        checkTerm();
        String uri = step.endpointFor(kind).orElseThrow();
        Exchange exchange = service.exchangeFor(uri);
        exchange.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, sagaId);
        step.options().forEach(exchange.getMessage()::setHeader);
        service.send(uri, exchange, () -> guarded(() -> {
            Exception failure = exchange.getException();
            if (failure == null) {
                next.accept(null);
                return;
            }
            int attempts = service.properties().ending().maxAttempts();
            if (attempt >= attempts) {
                log(() -> LOG.error("{} {} failed on all {} attempts, the last one: {}", kind.noun(), uri, attempts,
                        failure.getMessage()));
                next.accept(uri + " failed " + attempts + " times (" + failure.getMessage() + ")");
                return;
            }
            Duration delay = service.properties().ending().delayAfter(attempt);
            log(() -> LOG.warn("{} {} failed (attempt {} of {}): {}; trying again in {} ms", kind.noun(), uri,
                    attempt, attempts, failure.getMessage(), delay.toMillis()));
            service.schedule(delay, () -> guarded(() -> attempt(kind, step, attempt + 1, next)));
        }));
    }

    private void finish(SagaEnding kind, SagaStatus from, String why, List<String> failures) {
        SagaStatus end = failures.isEmpty() ? kind.done() : SagaStatus.NEEDS_ATTENTION;
        String ending = why != null ? why : reason;
        String recorded = failures.isEmpty() ? why : kind.noun() + " failed: " + String.join("; ", failures)
                + (ending == null ? "" : "; the saga was ending because: " + ending);
        VectorClock now = tick();
        Duration lived = service.log().transition(sagaId, from, end, recorded, now, service.instanceId(), term)
                .orElseThrow(() -> new SagaNotRunningException(sagaId, "no longer " + from + " in the saga log"));
        synchronized (this) {
            status = end;
            if (recorded != null) {
                reason = recorded;
            }
            finishedBy = service.instanceId();
            finishedEpoch = term;
        }
        service.ended(end).increment();
        service.metrics().ended(end, lived);
        log(() -> {
            if (end == SagaStatus.NEEDS_ATTENTION) {
                LOG.error("saga NEEDS_ATTENTION: {}", recorded);
            } else {
                LOG.info("saga {}{}", end, end == SagaStatus.COMPENSATED ? ": " + reason : "");
            }
        });
        publish(1);
    }

    /**
     * The final state is durable: publish the outcome, then record that it is out; both retried until they succeed
     * (or this term ends).
     */
    private void publish(int attempt) {
        checkTerm();
        try {
            service.outcomes().publish(record());
        } catch (NotLeaderException | FencedException e) {
            throw e;
        } catch (RuntimeException e) {
            publishAgain(attempt, e);
            return;
        }
        service.marks().published(sagaId, term).whenComplete((written, failure) ->
                service.execute(() -> guarded(() -> {
                    if (failure == null) {
                        published();
                    } else if (failure instanceof NotLeaderException || failure instanceof FencedException) {
                        throw (RuntimeException) failure;
                    } else {
                        publishAgain(attempt, failure);
                    }
                })));
    }

    private void publishAgain(int attempt, Throwable failure) {
        Duration delay = service.properties().ending().delayAfter(attempt);
        log(() -> LOG.warn("could not publish the outcome ({}); trying again in {} ms", failure.getMessage(),
                delay.toMillis()));
        service.schedule(delay, () -> guarded(() -> publish(attempt + 1)));
    }

    private void published() {
        CompletableFuture<Void> ended;
        synchronized (this) {
            outcomePublished = true;
            ended = ending;
        }
        service.forget(this);
        ended.complete(null);
    }

    /** What the log holds of this saga, as this replica knows it. */
    public synchronized SagaRecord record() {
        return new SagaRecord(sagaId, order, tier, status, reason, deadline, clock, service.instanceId(), term,
                finishedBy, finishedEpoch, outcomePublished);
    }

    /** This replica's term ended: whoever waits for this saga to end hears so; the next leader ends it. */
    synchronized void abandon() {
        if (ending != null && !ending.isDone()) {
            ending.completeExceptionally(new NotLeaderException());
        }
    }

    private void checkTerm() {
        if (!service.leadership().leadsIn(term)) {
            throw new NotLeaderException();
        }
    }

    /**
     * Runs a piece of the ending. A failure ends this ending where the log has it: whoever asks again (the waiting
     * route's retry, the sweep of stalled endings, or the next leader) goes on from the last durable status.
     */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            service.failed(this, e);
            CompletableFuture<Void> failed;
            synchronized (this) {
                failed = ending;
                ending = null;
                endingKind = null;
            }
            log(() -> LOG.warn("saga {}: its ending stopped ({}); it goes on from the saga log", sagaId,
                    e.getMessage()));
            if (failed != null) {
                failed.completeExceptionally(e);
            }
        }
    }

    /** Whether an ending is under way here (its compensations or completions run, or its outcome is going out). */
    public synchronized boolean ending() {
        return ending != null;
    }

    private void log(Runnable logging) {
        OrderMdc.with(order.getOrderId(), clock(), logging);
    }
}

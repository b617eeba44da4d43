package io.bookstore.executor.sagalog;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.causality.VectorClock;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.leadership.Fence;
import io.bookstore.executor.leadership.FencedException;
import io.bookstore.executor.leadership.LeaderEpochs;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.testinfra.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The saga log's fenced, idempotent writes against the real schema, one at a time. */
@RealInfrastructure(database = "order_executor")
class SagaLogTest {

    private static final VectorClock CLOCK = VectorClock.parse("orchestrator=5,order-executor-1=1");

    private static JdbcTemplate jdbc;
    private static LeaderEpochs epochs;
    private static TransactionTemplate transaction;
    private static SagaLog log;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(System.getProperty("DB_URL"),
                System.getProperty("DB_USER"), System.getProperty("DB_PASSWORD"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        epochs = new LeaderEpochs(jdbc, transaction);
        log = new SagaLog(jdbc, new Fence(jdbc), new ObjectMapper());
    }

    @Test
    void everyTermGetsAHigherEpoch() {
        long first = epochs.claim("order-executor-1");
        long second = epochs.claim("order-executor-2");

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void aSagaIsStartedOnceWithItsDeadline() {
        long epoch = epochs.claim("order-executor-1");
        ApprovedOrder order = order();

        Optional<Optional<Instant>> first = log.start(order, 30_000L, CLOCK, List.of(), "order-executor-1", epoch);
        Optional<Optional<Instant>> again = log.start(order, 30_000L, CLOCK, List.of(), "order-executor-1", epoch);

        assertThat(first).isPresent();
        assertThat(first.get()).isPresent();
        assertThat(again).isEmpty();
        SagaRecord saga = log.find(order.sagaId()).orElseThrow();
        assertThat(saga.status()).isEqualTo(SagaStatus.RUNNING);
        assertThat(saga.deadline()).isEqualTo(first.get().get());
        assertThat(saga.order()).isEqualTo(order.approved());
        assertThat(saga.clock()).isEqualTo(CLOCK);
        assertThat(saga.finishedBy()).isNull();
    }

    @Test
    void theStepsEnlistedAheadAreWrittenWithTheStartAndNotWhenTheSagaExists() {
        long epoch = epochs.claim("order-executor-1");
        ApprovedOrder order = order();
        List<EnlistedStep> ahead = List.of(
                new EnlistedStep(1, "direct://release-stock", null,
                        Map.of("operationKey", order.sagaId() + "/reserve")),
                new EnlistedStep(2, "direct://refund-payment", null,
                        Map.of("operationKey", order.sagaId() + "/charge", "amount", "2000")));

        log.start(order, null, CLOCK, ahead, "order-executor-1", epoch);
        Optional<Optional<Instant>> again = log.start(order, null, CLOCK,
                List.of(new EnlistedStep(1, "direct://other", null, Map.of())), "order-executor-1", epoch);

        assertThat(again).isEmpty();
        assertThat(log.steps(order.sagaId())).isEqualTo(ahead);
        assertThat(log.enlist(order.sagaId(), "direct://refund-payment", null,
                Map.of("operationKey", order.sagaId() + "/charge", "amount", "2000"), CLOCK, "order-executor-1",
                epoch).seq()).as("the same step enlisted again is the one written ahead").isEqualTo(2);
    }

    @Test
    void aStepEnlistedAgainWithTheSameValuesIsTheSameStepAndWithOtherValuesAnother() {
        long epoch = epochs.claim("order-executor-1");
        ApprovedOrder order = order();
        log.start(order, null, CLOCK, List.of(), "order-executor-1", epoch);

        EnlistedStep reserve = log.enlist(order.sagaId(), "direct://release-stock", null,
                Map.of("operationKey", order.sagaId() + "/reserve"), CLOCK, "order-executor-1", epoch);
        EnlistedStep again = log.enlist(order.sagaId(), "direct://release-stock", null,
                Map.of("operationKey", order.sagaId() + "/reserve"), CLOCK, "order-executor-2", epoch);
        EnlistedStep other = log.enlist(order.sagaId(), "direct://release-stock", null,
                Map.of("operationKey", order.sagaId() + "/other"), CLOCK.tick("order-executor-1"), "order-executor-1",
                epoch);

        assertThat(reserve.seq()).isEqualTo(1);
        assertThat(again.seq()).isEqualTo(1);
        assertThat(other.seq()).isEqualTo(2);
        assertThat(log.steps(order.sagaId())).extracting(step -> step.options().get("operationKey"))
                .containsExactly(order.sagaId() + "/reserve", order.sagaId() + "/other");
        assertThat(log.find(order.sagaId()).orElseThrow().clock()).as("the saga's clock as the last step left it")
                .isEqualTo(CLOCK.tick("order-executor-1"));
    }

    @Test
    void aStepCannotBeEnlistedInASagaThatIsNotInTheLog() {
        long epoch = epochs.claim("order-executor-1");
        ApprovedOrder order = order();

        assertThatThrownBy(() -> log.enlist(order.sagaId(), "direct://release-stock", null,
                Map.of("operationKey", order.sagaId() + "/reserve"), CLOCK, "order-executor-1", epoch))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(order.sagaId());
        assertThat(log.steps(order.sagaId())).isEmpty();
    }

    @Test
    void aTransitionAppliesOnlyFromTheExpectedStatusAndAFinalOneNamesWhoFinished() {
        long epoch = epochs.claim("order-executor-1");
        ApprovedOrder order = order();
        log.start(order, null, CLOCK, List.of(), "order-executor-1", epoch);

        assertThat(log.transition(order.sagaId(), SagaStatus.RUNNING, SagaStatus.COMPENSATING, "out of stock: x",
                CLOCK.tick("order-executor-1"), "order-executor-1", epoch)).isPresent();
        assertThat(log.transition(order.sagaId(), SagaStatus.RUNNING, SagaStatus.COMPLETED, null, CLOCK,
                "order-executor-1", epoch)).isEmpty();
        Duration lived = log.transition(order.sagaId(), SagaStatus.COMPENSATING, SagaStatus.COMPENSATED, null, CLOCK,
                "order-executor-1", epoch).orElseThrow();

        SagaRecord saga = log.find(order.sagaId()).orElseThrow();
        assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
        assertThat(saga.reason()).isEqualTo("out of stock: x");
        assertThat(saga.finishedBy()).isEqualTo("order-executor-1");
        assertThat(saga.finishedEpoch()).isEqualTo(epoch);
        assertThat(lived).as("from the saga's start to its final state, as the log measured it")
                .isEqualTo(Duration.ofNanos(Math.round(jdbc.queryForObject(
                        "select extract(epoch from finished_at - started_at) from sagas where saga_id = ?",
                        Double.class, order.sagaId()) * 1e9)));
        assertThat(saga.outcomePublished()).isFalse();
        log.outcomesPublished(List.of(order.sagaId()), "order-executor-1", epoch);
        assertThat(log.find(order.sagaId()).orElseThrow().outcomePublished()).isTrue();
    }

    @Test
    void outcomeMarksAreWrittenTogetherUnderTheirEpochAndAStaleOneFails() throws Exception {
        long stale = epochs.claim("order-executor-1");
        long current = epochs.claim("order-executor-2");
        List<ApprovedOrder> orders = List.of(order(), order(), order());
        orders.forEach(order -> log.start(order, null, CLOCK, List.of(), "order-executor-2", current));
        OutcomeMarks marks = new OutcomeMarks(log, "order-executor-2", Duration.ofMillis(100));
        marks.afterPropertiesSet();
        try {
            CompletableFuture<Void> first = marks.published(orders.get(0).sagaId(), current);
            CompletableFuture<Void> second = marks.published(orders.get(1).sagaId(), current);
            CompletableFuture<Void> refused = marks.published(orders.get(2).sagaId(), stale);

            CompletableFuture.allOf(first, second).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(FencedException.class);
        } finally {
            marks.destroy();
        }
        assertThat(orders).extracting(order -> log.find(order.sagaId()).orElseThrow().outcomePublished())
                .containsExactly(true, true, false);
    }

    @Test
    void aStaleEpochWritesNothing() {
        ApprovedOrder order = order();
        long stale = epochs.claim("order-executor-1");
        long current = epochs.claim("order-executor-2");

        assertThatThrownBy(() -> log.start(order, null, CLOCK, List.of(), "order-executor-1", stale))
                .isInstanceOfSatisfying(FencedException.class, fenced -> {
                    assertThat(fenced.staleEpoch()).isEqualTo(stale);
                    assertThat(fenced.currentEpoch()).isEqualTo(current);
                });
        assertThat(log.find(order.sagaId())).isEmpty();

        log.start(order, null, CLOCK, List.of(), "order-executor-2", current);
        assertThatThrownBy(() -> log.enlist(order.sagaId(), "direct://release-stock", null, Map.of(), CLOCK,
                "order-executor-1", stale)).isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> log.transition(order.sagaId(), SagaStatus.RUNNING, SagaStatus.COMPENSATING, "x",
                CLOCK, "order-executor-1", stale)).isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> log.findInTerm(order.sagaId(), stale)).isInstanceOf(FencedException.class);
        assertThat(log.steps(order.sagaId())).isEmpty();
        assertThat(log.find(order.sagaId()).orElseThrow().status()).isEqualTo(SagaStatus.RUNNING);
    }

    @Test
    void aNewTermWaitsForTheWriteUnderWayWhichCannotLandAfterIt() throws Exception {
        long former = epochs.claim("order-executor-1");
        ApprovedOrder order = order();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        // the write's transaction goes on after its statement, as a slow commit would: it holds the term lock
        CompletableFuture<Optional<Optional<Instant>>> write = heldOpen(
                () -> log.start(order, null, CLOCK, List.of(), "order-executor-1", former), writing, finish);
        assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Long> claim = CompletableFuture.supplyAsync(() -> epochs.claim("order-executor-2"));
        await().atMost(PATIENCE).until(SagaLogTest::someoneWaitsForTheTermLock);
        assertThat(claim).isNotDone();
        finish.countDown();

        assertThat(write.get(30, TimeUnit.SECONDS)).isPresent();
        long current = claim.get(30, TimeUnit.SECONDS);
        assertThat(current).isGreaterThan(former);
        assertThatThrownBy(() -> log.transition(order.sagaId(), SagaStatus.RUNNING, SagaStatus.COMPENSATING, "x",
                CLOCK, "order-executor-1", former)).isInstanceOf(FencedException.class);
    }

    @Test
    void aWriteThatWaitedForANewTermsClaimSeesItAndIsRefused() throws Exception {
        long former = epochs.claim("order-executor-1");
        ApprovedOrder order = order();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        // the claim's transaction goes on after its insert: it holds the term lock while the write starts
        CompletableFuture<Long> claim = heldOpen(() -> epochs.claim("order-executor-2"), claimed, finish);
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Optional<Optional<Instant>>> write = CompletableFuture.supplyAsync(() ->
                log.start(order, null, CLOCK, List.of(), "order-executor-1", former));
        await().atMost(PATIENCE).until(SagaLogTest::someoneWaitsForTheTermLock);
        assertThat(write).isNotDone();
        finish.countDown();

        long current = claim.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> write.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(FencedException.class,
                        fenced -> assertThat(fenced.currentEpoch()).isEqualTo(current));
        assertThat(log.find(order.sagaId())).as("its statement began before the claim committed").isEmpty();
    }

    /** Runs the work in a transaction that stays open, with the locks it took, until finish is counted down. */
    private static <T> CompletableFuture<T> heldOpen(Supplier<T> work, CountDownLatch done, CountDownLatch finish) {
        return CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            T result = work.get();
            done.countDown();
            awaitRelease(finish);
            return result;
        }));
    }

    private static boolean someoneWaitsForTheTermLock() {
        return jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and not granted",
                Long.class) > 0;
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never let the write finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ApprovedOrder order() {
        return new ApprovedOrder(OrderTraffic.order(UUID.randomUUID().toString(), 1, "account-1", "book-1", 1, 100),
                "Basic", CLOCK, 0, 0);
    }
}

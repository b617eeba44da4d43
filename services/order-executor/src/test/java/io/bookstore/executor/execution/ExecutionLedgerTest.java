package io.bookstore.executor.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.executor.execution.LedgerWrite.Result;
import io.bookstore.executor.leadership.LeaderEpochs;
import io.bookstore.testinfra.RealInfrastructure;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The fenced, idempotent writes against the real schema, one statement at a time. */
@RealInfrastructure(database = "order_executor")
class ExecutionLedgerTest {

    private static JdbcTemplate jdbc;
    private static LeaderEpochs epochs;
    private static ExecutionLedger ledger;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(System.getProperty("DB_URL"),
                System.getProperty("DB_USER"), System.getProperty("DB_PASSWORD"));
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        epochs = new LeaderEpochs(jdbc);
        ledger = new ExecutionLedger(jdbc);
    }

    @Test
    void everyTermGetsAHigherEpoch() {
        long first = epochs.claim("order-executor-1");
        long second = epochs.claim("order-executor-2");

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void aStaleEpochCanNeitherStartNorFinish() {
        String order = order();
        long stale = epochs.claim("order-executor-1");
        long current = epochs.claim("order-executor-2");

        assertThat(ledger.start(order, "Basic", "order-executor-1", stale))
                .isEqualTo(new LedgerWrite(Result.FENCED, current, null, stale));
        assertThat(status(order)).isNull();

        assertThat(ledger.start(order, "Basic", "order-executor-2", current).result()).isEqualTo(Result.APPLIED);
        assertThat(ledger.finish(order, "order-executor-1", stale).result()).isEqualTo(Result.FENCED);
        assertThat(status(order)).isEqualTo("STARTED");
        assertThat(ledger.finish(order, "order-executor-2", current).result()).isEqualTo(Result.APPLIED);
        assertThat(status(order)).isEqualTo("FINISHED");
    }

    @Test
    void aRedeliveredOrderChangesNothingAndSaysWhoExecutedIt() {
        String order = order();
        long epoch = epochs.claim("order-executor-1");
        ledger.start(order, "Premium", "order-executor-1", epoch);

        assertThat(ledger.start(order, "Premium", "order-executor-1", epoch))
                .isEqualTo(new LedgerWrite(Result.ALREADY_STARTED, epoch, "order-executor-1", epoch));

        ledger.finish(order, "order-executor-1", epoch);

        assertThat(ledger.start(order, "Premium", "order-executor-1", epoch))
                .isEqualTo(new LedgerWrite(Result.ALREADY_FINISHED, epoch, "order-executor-1", epoch));
        assertThat(ledger.finish(order, "order-executor-1", epoch))
                .isEqualTo(new LedgerWrite(Result.ALREADY_FINISHED, epoch, "order-executor-1", epoch));
        assertThat(jdbc.queryForObject("select count(*) from executions where order_id = ?", Long.class, order))
                .isEqualTo(1);
    }

    @Test
    void aNewLeaderFinishesWhatAFormerLeaderStarted() {
        String order = order();
        long former = epochs.claim("order-executor-1");
        ledger.start(order, "None", "order-executor-1", former);
        long current = epochs.claim("order-executor-2");

        assertThat(ledger.start(order, "None", "order-executor-2", current))
                .isEqualTo(new LedgerWrite(Result.ALREADY_STARTED, current, "order-executor-1", former));
        assertThat(ledger.finish(order, "order-executor-2", current).result()).isEqualTo(Result.APPLIED);
        assertThat(jdbc.queryForMap(
                "select executor_id, epoch, finished_by, finished_epoch from executions where order_id = ?", order))
                .containsEntry("executor_id", "order-executor-1").containsEntry("epoch", former)
                .containsEntry("finished_by", "order-executor-2").containsEntry("finished_epoch", current);
    }

    private static String order() {
        return UUID.randomUUID().toString();
    }

    private static String status(String order) {
        return jdbc.query("select status from executions where order_id = ?",
                rows -> rows.next() ? rows.getString(1) : null, order);
    }
}

package io.bookstore.localstack.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.testinfra.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsistencyCheckTest {

    private final TestInfrastructure infrastructure = TestInfrastructure.shared();
    private final ConsistencyCheck check = new ConsistencyCheck(
            database -> infrastructure.jdbcUrl("consistency_" + database), TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);

    @BeforeEach
    void emptyStores() throws SQLException {
        execute("orchestrator", "drop table if exists order_lines, orders, replaced_checkouts",
                "create table orders (id text primary key, status text not null, total bigint not null, attempt int not null)",
                "create table order_lines (order_id text, line_no int, item_id text, quantity int)",
                "create table replaced_checkouts (saga_id text, status text, total bigint, item_ids text[], quantities bigint[])");
        execute("stock", "drop table if exists operation_keys",
                "create table operation_keys (operation_key text, kind text, order_id text, item_ids text[], quantities bigint[])");
        execute("payment", "drop table if exists operation_keys",
                "create table operation_keys (operation_key text, kind text, order_id text, amount bigint)");
    }

    @Test
    void paidOrdersMovedOnceAndRejectedOnesNotAtAllAreConsistent() throws SQLException {
        execute("orchestrator",
                "insert into orders values ('paid', 'PAID', 30, 1), ('compensated', 'REJECTED', 10, 1), "
                        + "('out-of-stock', 'REJECTED', 5, 1), ('never-priced', 'REJECTED', 0, 1)",
                "insert into order_lines values ('paid', 0, 'dune', 2), ('paid', 1, 'hobbit', 1), ('compensated', 0, 'dune', 1), "
                        + "('never-priced', 0, null, 1)");
        execute("stock",
                "insert into operation_keys values ('paid/1/reserve', 'RESERVE', 'paid', '{dune,hobbit}', '{2,1}')",
                "insert into operation_keys values ('compensated/1/reserve', 'RESERVE', 'compensated', '{dune}', '{1}')",
                "insert into operation_keys values ('compensated/1/reserve', 'RELEASE', 'compensated', '{dune}', '{1}')",
                "insert into operation_keys values ('out-of-stock/1/reserve', 'RESERVE', 'out-of-stock', '{}', '{}')");
        execute("payment",
                "insert into operation_keys values ('paid/1/charge', 'CHARGE', 'paid', 30)",
                "insert into operation_keys values ('compensated/1/charge', 'CHARGE', 'compensated', 0)",
                "insert into operation_keys values ('compensated/1/charge', 'REFUND', 'compensated', 0)");

        ConsistencyCheck.Report report = check.run();

        assertThat(report.differences()).isEmpty();
        assertThat(report.paid()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(3);
    }

    @Test
    void everyKindOfImbalanceIsReported() throws SQLException {
        execute("orchestrator",
                "insert into orders values ('charged-twice', 'PAID', 10, 1), ('never-reserved', 'PAID', 10, 1), "
                        + "('not-released', 'REJECTED', 10, 1), ('running', 'QUEUED', 10, 1)",
                "insert into order_lines values ('charged-twice', 0, 'dune', 1), ('never-reserved', 0, 'dune', 1), "
                        + "('not-released', 0, 'dune', 1), ('running', 0, 'dune', 1)");
        execute("stock",
                "insert into operation_keys values ('charged-twice/1/reserve', 'RESERVE', 'charged-twice', '{dune}', '{1}')",
                "insert into operation_keys values ('not-released/1/reserve', 'RESERVE', 'not-released', '{dune}', '{1}')",
                "insert into operation_keys values ('running/1/reserve', 'RESERVE', 'running', '{dune}', '{1}')",
                "insert into operation_keys values ('ghost/1/reserve', 'RESERVE', 'ghost', '{dune}', '{3}')");
        execute("payment",
                "insert into operation_keys values ('charged-twice/1/charge', 'CHARGE', 'charged-twice', 10)",
                "insert into operation_keys values ('charged-twice/2/charge', 'CHARGE', 'charged-twice', 10)",
                "insert into operation_keys values ('never-reserved/1/charge', 'CHARGE', 'never-reserved', 10)");

        ConsistencyCheck.Report report = check.run();

        assertThat(report.consistent()).isFalse();
        assertThat(report.pending()).isEqualTo(1);
        assertThat(String.join("\n", report.differences()))
                .contains("charged-twice/2: not the current attempt of order charged-twice, but stock moved {} and 10 was charged")
                .contains("never-reserved/1: paid, but stock moved {} for lines {dune=1}")
                .contains("not-released/1: rejected, but stock moved {dune=1}")
                .contains("ghost/1: stock or money moved for a checkout the orchestrator does not know");
    }

    @Test
    void eachAttemptAndEachReplacedOrderIsItsOwnCheckout() throws SQLException {
        execute("orchestrator",
                // "7" was rejected at attempt 3, then paid at attempt 9; "0" was paid at attempt 2, then batch_init
                // replaced it, and the new "0" was paid at attempt 12 with other lines
                "insert into orders values ('7', 'PAID', 4, 9), ('0', 'PAID', 6, 12)",
                "insert into order_lines values ('7', 0, 'a', 2), ('0', 0, 'b', 1), ('0', 1, 'c', 1)",
                "insert into replaced_checkouts values ('0/2', 'PAID', 8, '{a,a}', '{1,3}')");
        execute("stock",
                "insert into operation_keys values ('7/3/reserve', 'RESERVE', '7', '{a}', '{2}')",
                "insert into operation_keys values ('7/3/reserve', 'RELEASE', '7', '{a}', '{2}')",
                "insert into operation_keys values ('7/9/reserve', 'RESERVE', '7', '{a}', '{2}')",
                "insert into operation_keys values ('0/2/reserve', 'RESERVE', '0', '{a}', '{4}')",
                "insert into operation_keys values ('0/12/reserve', 'RESERVE', '0', '{b,c}', '{1,1}')");
        execute("payment",
                "insert into operation_keys values ('7/9/charge', 'CHARGE', '7', 4)",
                "insert into operation_keys values ('0/2/charge', 'CHARGE', '0', 8)",
                "insert into operation_keys values ('0/12/charge', 'CHARGE', '0', 6)");

        ConsistencyCheck.Report report = check.run();

        assertThat(report.differences()).isEmpty();
        assertThat(report.paid()).isEqualTo(3);
        assertThat(report.replaced()).isEqualTo(1);
        assertThat(report.otherAttempts()).isEqualTo(1);
    }

    @Test
    void aNewOrderPaidWithoutMovingAnythingIsADifferenceWhateverItsReplacedNamesakeMoved() throws SQLException {
        execute("orchestrator",
                "insert into orders values ('0', 'PAID', 6, 12)",
                "insert into order_lines values ('0', 0, 'b', 1), ('0', 1, 'c', 1)",
                "insert into replaced_checkouts values ('0/2', 'PAID', 6, '{b,c}', '{1,1}')");
        execute("stock", "insert into operation_keys values ('0/2/reserve', 'RESERVE', '0', '{b,c}', '{1,1}')");
        execute("payment", "insert into operation_keys values ('0/2/charge', 'CHARGE', '0', 6)");

        ConsistencyCheck.Report report = check.run();

        assertThat(report.differences()).containsExactlyInAnyOrder(
                "0/12: paid, but stock moved {} for lines {b=1, c=1}", "0/12: paid, but 0 was charged for a total of 6");
    }

    @Test
    void aCheckoutThatStartsWhileTheCheckReadsIsPendingNotADifference() throws SQLException {
        execute("orchestrator", "insert into orders values ('again', 'REJECTED', 5, 1)",
                "insert into order_lines values ('again', 0, 'dune', 1)");

        ConsistencyCheck.Report report = check.run(() -> {
            // after the orders were read: "again" is checked out a second time and a new order "fresh" once, and
            // both reach the participants before they are read
            execute("orchestrator", "update orders set status = 'PAID', attempt = 2 where id = 'again'",
                    "insert into orders values ('fresh', 'PAID', 5, 3)",
                    "insert into order_lines values ('fresh', 0, 'dune', 1)");
            execute("stock", "insert into operation_keys values ('again/2/reserve', 'RESERVE', 'again', '{dune}', '{1}')",
                    "insert into operation_keys values ('fresh/3/reserve', 'RESERVE', 'fresh', '{dune}', '{1}')");
            execute("payment", "insert into operation_keys values ('again/2/charge', 'CHARGE', 'again', 5)",
                    "insert into operation_keys values ('fresh/3/charge', 'CHARGE', 'fresh', 5)");
        });

        assertThat(report.differences()).isEmpty();
        assertThat(report.pending()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(check.run().paid()).as("the next check judges them").isEqualTo(2);
    }

    private void execute(String database, String... statements) throws SQLException {
        infrastructure.createDatabase("consistency_" + database);
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("consistency_" + database),
                TestInfrastructure.DB_USER, TestInfrastructure.DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            for (String sql : List.of(statements)) {
                statement.execute(sql);
            }
        }
    }
}

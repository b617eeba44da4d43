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
        execute("orchestrator", "drop table if exists order_lines, orders",
                "create table orders (id text primary key, status text not null, total bigint not null)",
                "create table order_lines (order_id text, line_no int, item_id text, quantity int)");
        execute("stock", "drop table if exists operation_keys",
                "create table operation_keys (operation_key text, kind text, order_id text, item_ids text[], quantities bigint[])");
        execute("payment", "drop table if exists operation_keys",
                "create table operation_keys (operation_key text, kind text, order_id text, amount bigint)");
    }

    @Test
    void paidOrdersMovedOnceAndRejectedOnesNotAtAllAreConsistent() throws SQLException {
        execute("orchestrator",
                "insert into orders values ('paid', 'PAID', 30), ('compensated', 'REJECTED', 10), ('out-of-stock', 'REJECTED', 5), "
                        + "('never-priced', 'REJECTED', 0)",
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
                "insert into orders values ('charged-twice', 'PAID', 10), ('never-reserved', 'PAID', 10), "
                        + "('not-released', 'REJECTED', 10), ('running', 'QUEUED', 10)",
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
                .contains("charged-twice: paid, but 20 was charged for a total of 10")
                .contains("never-reserved: paid, but stock moved {} for lines {dune=1}")
                .contains("not-released: rejected, but stock moved {dune=1}")
                .contains("ghost: stock or money moved for an order the orchestrator does not know");
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

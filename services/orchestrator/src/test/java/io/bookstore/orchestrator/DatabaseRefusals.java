package io.bookstore.orchestrator;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes the orchestrator's database refuse the history's inserts for one order, with a given SQLSTATE, while a
 * condition on the attempts so far holds: a trigger fails the insert and its whole statement with it, and a sequence
 * counts the attempts (a rollback does not undo nextval). "admin_shutdown" is what PostgreSQL answers while it shuts
 * down; "raise_exception" a refusal of this one statement.
 */
final class DatabaseRefusals implements AutoCloseable {

    private final JdbcTemplate jdbc;

    private DatabaseRefusals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The condition reads nextval('refusals'), the attempt's number from 1. */
    static DatabaseRefusals refuse(JdbcTemplate jdbc, String orderId, String condition, String errcode) {
        jdbc.execute("create sequence refusals");
        jdbc.execute("""
                create function refuse() returns trigger language plpgsql as $$
                begin
                    if new.order_id = '%s' then
                        if %s then
                            raise exception 'refused' using errcode = '%s';
                        end if;
                    end if;
                    return new;
                end $$""".formatted(orderId, condition, errcode));
        jdbc.execute("create trigger refuse before insert on order_events for each row execute function refuse()");
        return new DatabaseRefusals(jdbc);
    }

    long attempts() {
        return jdbc.queryForObject("select case when is_called then last_value else 0 end from refusals", Long.class);
    }

    @Override
    public void close() {
        jdbc.execute("drop trigger refuse on order_events");
        jdbc.execute("drop function refuse()");
        jdbc.execute("drop sequence refusals");
    }
}

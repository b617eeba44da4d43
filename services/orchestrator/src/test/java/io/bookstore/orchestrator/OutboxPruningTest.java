package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"outbox.prune-interval-ms=200", "outbox.keep-published=1h"})
class OutboxPruningTest extends OrchestratorTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void messagesPublishedLongerAgoThanTheyAreKeptAreDeletedAndRecentOnesStay() {
        long old = published("2 hours");
        long recent = published("10 minutes");

        await().atMost(Duration.ofSeconds(10)).until(() -> !exists(old));
        assertThat(exists(recent)).isTrue();
    }

    private long published(String ago) {
        return jdbc.queryForObject("insert into outbox (topic, message_key, payload, published_at) "
                + "values ('orders.approved', 'pruning-test', '\\x00', now() - cast(? as interval)) returning id", Long.class, ago);
    }

    private boolean exists(long id) {
        return jdbc.queryForObject("select count(*) from outbox where id = ?", Integer.class, id) == 1;
    }
}

package io.bookstore.orchestrator.queue;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes outbox messages published a while ago: Kafka holds them, and the table would otherwise grow with every
 * checkout. A published message is kept for outbox.keep-published, to read back what was sent and when.
 */
@Component
public class OutboxPruningRoutes extends RouteBuilder {

    private final JdbcTemplate jdbc;
    private final Duration keepPublished;
    private final int batchSize;

    public OutboxPruningRoutes(JdbcTemplate jdbc, @Value("${outbox.keep-published}") Duration keepPublished,
                               @Value("${outbox.prune-batch-size}") int batchSize) {
        this.jdbc = jdbc;
        this.keepPublished = keepPublished;
        this.batchSize = batchSize;
    }

    @Override
    public void configure() {
        from("timer:outbox-pruning?period={{outbox.prune-interval-ms}}").routeId("outbox-pruning")
                .process(exchange -> {
                    int deleted = jdbc.update("delete from outbox where id in (select id from outbox "
                                    + "where published_at < now() - ? * interval '1 millisecond' order by id limit ?)",
                            keepPublished.toMillis(), batchSize);
                    if (deleted > 0) {
                        log.info("pruned {} outbox messages published more than {} ago", deleted, keepPublished);
                    }
                });
    }
}

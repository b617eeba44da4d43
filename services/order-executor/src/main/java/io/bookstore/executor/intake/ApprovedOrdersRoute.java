package io.bookstore.executor.intake;

import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.offsets.PollingThreadCommits;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.config.BatchResequencerConfig;
import org.springframework.stereotype.Component;

/**
 * The order queue: only the leader consumes orders.approved (the leader policy starts and stops the consumer, so
 * the route never starts on its own), and a batch resequencer runs each batch by the rank of its card tier, highest
 * first. The ranks are the operator route direct:tier-rank's (routes/order-executor/tier-rank.yaml).
 * Offsets are committed only after an order's execution is durable (see the offsets package).
 */
@Component
public class ApprovedOrdersRoute extends RouteBuilder {

    private final Leadership leadership;
    private final PollingThreadCommits commits;
    private final OrderIntake intake;

    public ApprovedOrdersRoute(Leadership leadership, PollingThreadCommits commits, OrderIntake intake) {
        this.leadership = leadership;
        this.commits = commits;
        this.intake = intake;
    }

    @Override
    public void configure() {
        BatchResequencerConfig byPriority = new BatchResequencerConfig();
        byPriority.setBatchSize("{{order-executor.priority.batch-size}}");
        byPriority.setBatchTimeout("{{order-executor.priority.batch-timeout-ms}}");
        // equal keys must not replace each other, and the highest key (the highest tier) runs first
        byPriority.setAllowDuplicates("true");
        byPriority.setReverse("true");

        from("kafka:{{order-executor.topics.approved}}"
                + "?groupId={{order-executor.kafka.group-id}}"
                + "&autoOffsetReset=earliest&isolationLevel=read_committed"
                + "&autoCommitEnable=false&allowManualCommit=true&kafkaManualCommitFactory=#watermarkManualCommits"
                + "&pollTimeoutMs={{order-executor.kafka.poll-timeout-ms}}"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .routeId("approved-orders")
                .noAutoStartup()
                .routePolicy(commits.installer(), leadership.routePolicy())
                .bean(intake, "receive")
                .to("direct:tier-rank")
                .bean(intake, "prioritize")
                .resequence(header(OrderIntake.PRIORITY_HEADER)).batch(byPriority)
                    .to("direct:execute-order");
    }
}

package io.bookstore.suggestions.history;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Learns from every order outcome on Kafka. It reads the topic from the beginning at each start (its own consumer
 * group per instance, so every instance sees every partition): the history is rebuilt from the log after a restart.
 */
@Component
public class PurchaseHistoryRoute extends RouteBuilder {

    private final PurchaseHistory history;

    public PurchaseHistoryRoute(PurchaseHistory history) {
        this.history = history;
    }

    @Override
    public void configure() {
        from("kafka:{{suggestions.history.topic}}?brokers={{kafka.bootstrap-servers}}"
                + "&groupId={{suggestions.history.group-id}}&seekTo=BEGINNING"
                + "&fetchMinBytes={{suggestions.history.fetch-min-bytes}}"
                + "&fetchWaitMaxMs={{suggestions.history.fetch-wait-ms}}"
                + "&valueDeserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
                .routeId("purchase-history-learn")
                .bean(history, "learnRecord");
    }
}

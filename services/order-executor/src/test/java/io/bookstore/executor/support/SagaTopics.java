package io.bookstore.executor.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The executors' topics for one test run: fresh names, so that no run reads another's records. */
public record SagaTopics(String approved, String executions, String outcomes, String stockCommands,
                         String paymentCommands, String replies) {

    public static SagaTopics named(String run) {
        return new SagaTopics("orders.approved." + run, "orders.executions." + run, "orders.outcomes." + run,
                "stock.commands." + run, "payment.commands." + run, "saga.replies." + run);
    }

    /** The executor's properties that point it at these topics. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("order-executor.topics.approved", approved);
        properties.put("order-executor.topics.executions", executions);
        properties.put("order-executor.topics.outcomes", outcomes);
        properties.put("order-executor.topics.stock-commands", stockCommands);
        properties.put("order-executor.topics.payment-commands", paymentCommands);
        properties.put("order-executor.topics.saga-replies", replies);
        return properties;
    }

    public Participants participants() {
        return new Participants(stockCommands, paymentCommands, replies);
    }
}

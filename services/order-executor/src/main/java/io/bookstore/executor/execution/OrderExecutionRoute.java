package io.bookstore.executor.execution;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.orderevents.OrderExecution;
import io.bookstore.executor.leadership.Leadership;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Executes the orders the resequencer releases, one at a time in priority order: start, publish, finish, publish,
 * and only then acknowledge (commit) the order. A failure is retried in place for as long as this replica leads.
 */
@Component
public class OrderExecutionRoute extends RouteBuilder {

    private final OrderExecutor executor;
    private final Leadership leadership;
    private final long retryDelayMs;
    private final long maxRetryDelayMs;

    public OrderExecutionRoute(OrderExecutor executor, Leadership leadership,
                               @Value("${order-executor.execution.retry-delay-ms}") long retryDelayMs,
                               @Value("${order-executor.execution.max-retry-delay-ms}") long maxRetryDelayMs) {
        this.executor = executor;
        this.leadership = leadership;
        this.retryDelayMs = retryDelayMs;
        this.maxRetryDelayMs = maxRetryDelayMs;
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler()
                .retryWhile(method(leadership, "leads"))
                .redeliveryDelay(retryDelayMs)
                .maximumRedeliveryDelay(maxRetryDelayMs)
                .useExponentialBackOff()
                .retryAttemptedLogLevel(LoggingLevel.WARN));

        from("direct:execute-order").routeId("order-execution")
                .bean(executor, "start")
                .split(body()).to("direct:publish-execution").end()
                .bean(executor, "finish")
                .split(body()).to("direct:publish-execution").end()
                .bean(executor, "acknowledge");

        from("direct:publish-execution").routeId("publish-execution")
                .process(OrderExecutionRoute::toRecord)
                .to("kafka:{{order-executor.topics.executions}}?synchronous=true"
                        + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer");
    }

    private static void toRecord(Exchange exchange) {
        Message message = exchange.getMessage();
        OrderExecution event = message.getBody(OrderExecution.class);
        VectorClock clock = VectorClocks.fromProto(event.getClock());
        message.removeHeaders("*");
        message.setHeader(KafkaConstants.KEY, event.getOrderId());
        message.setHeader(VectorClock.HEADER, clock.toString());
        message.setBody(event.toByteArray());
    }
}

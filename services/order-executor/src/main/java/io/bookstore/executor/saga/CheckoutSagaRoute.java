package io.bookstore.executor.saga;

import io.bookstore.executor.execution.LeaderErrorHandling;
import io.bookstore.executor.sagalog.DurableSagaService;
import io.bookstore.executor.sagalog.SagaThreads;
import java.util.concurrent.ExecutorService;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

/**
 * The checkout saga (Camel's Saga EIP on the durable saga service): reserve the stock of every line, then charge the
 * order's total; a refusal, or the saga's deadline, compensates whatever was enlisted (refund, then release).
 * <p>
 * Completion is MANUAL: the steps' commands go over Kafka and the saga completes on the participants' replies, not
 * when the route returns. Each step is in the saga log, with the values its compensation needs, before its command
 * is sent: the reserve with the saga's start (one write, not two, before the stock command goes out), the charge
 * when it begins, with the order's clock as stock's reply left it, so a new leader's events follow stock's. The
 * order's offset is committed once the saga is in the saga log; from then on each saga goes on by itself on the saga
 * threads, and waiting for a reply holds none of them.
 */
@Component
public class CheckoutSagaRoute extends RouteBuilder {

    public static final String ENTRY = "direct:checkout-saga";
    private static final String RELEASE_STOCK = "direct:release-stock";

    private static final String COMMAND_OPTIONS = "?synchronous=true&headerFilterStrategy=#vectorClockHeaderOnly"
            + "&lingerMs={{order-executor.kafka.send-linger-ms}}"
            + "&valueSerializer=org.apache.kafka.common.serialization.ByteArraySerializer";

    private final CheckoutSteps steps;
    private final ExecutorService sagaExecutor;
    private final LeaderErrorHandling errorHandling;
    private final DurableSagaService sagas;

    public CheckoutSagaRoute(CheckoutSteps steps, SagaThreads threads, LeaderErrorHandling errorHandling,
                             DurableSagaService sagas) {
        this.steps = steps;
        this.sagas = sagas;
        this.sagaExecutor = threads.executor();
        this.errorHandling = errorHandling;
    }

    @Override
    public void configure() {
        errorHandling.applyTo(this);
        sagas.enlistWithStart(RELEASE_STOCK);

        from(ENTRY).routeId("checkout-saga")
                .saga().propagation(SagaPropagation.REQUIRED).completionMode(SagaCompletionMode.MANUAL)
                    .timeout("{{order-executor.saga.timeout}}")
                .process(steps::acknowledge)
                .threads().executorService(sagaExecutor)
                .process(steps::announce)
                .to("direct:reserve-stock")
                .process(steps.awaitReply())
                .filter(steps.failed()).to("saga:compensate").stop().end()
                .to("direct:charge-payment")
                .process(steps.awaitReply())
                .filter(steps.failed()).to("saga:compensate").stop().end()
                .to("saga:complete");

        from("direct:reserve-stock").routeId("reserve-stock")
                .saga().propagation(SagaPropagation.MANDATORY)
                    .compensation(RELEASE_STOCK)
                    .option(CheckoutSteps.OPERATION_KEY, method(steps, "reserveKey"))
                    .option(CheckoutSteps.ORDER_ID, method(steps, "orderId"))
                .process(steps::reserve)
                .to("kafka:{{order-executor.topics.stock-commands}}" + COMMAND_OPTIONS);

        from("direct:charge-payment").routeId("charge-payment")
                .saga().propagation(SagaPropagation.MANDATORY)
                    .compensation("direct:refund-payment")
                    .option(CheckoutSteps.OPERATION_KEY, method(steps, "chargeKey"))
                    .option(CheckoutSteps.ORDER_ID, method(steps, "orderId"))
                    .option(CheckoutSteps.ACCOUNT_ID, method(steps, "accountId"))
                    .option(CheckoutSteps.AMOUNT, method(steps, "amount"))
                .process(steps::charge)
                .to("kafka:{{order-executor.topics.payment-commands}}" + COMMAND_OPTIONS);

        // compensations: a failure goes back to the saga service, which retries it with back-off
        from(RELEASE_STOCK).routeId("release-stock")
                .errorHandler(noErrorHandler())
                .process(steps::release)
                .to("kafka:{{order-executor.topics.stock-commands}}" + COMMAND_OPTIONS)
                .process(steps.awaitConfirmation());

        from("direct:refund-payment").routeId("refund-payment")
                .errorHandler(noErrorHandler())
                .process(steps::refund)
                .to("kafka:{{order-executor.topics.payment-commands}}" + COMMAND_OPTIONS)
                .process(steps.awaitConfirmation());
    }
}

package io.bookstore.executor.sagalog;

import static io.bookstore.executor.support.Replicas.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.orderevents.OrderApproved;
import io.bookstore.executor.execution.OrderAdmission;
import io.bookstore.executor.intake.ApprovedOrder;
import io.bookstore.executor.leadership.Leadership;
import io.bookstore.executor.support.OrderTraffic;
import io.bookstore.executor.support.SagaRows;
import io.bookstore.executor.support.SagaTopics;
import io.bookstore.executor.support.Topics;
import io.bookstore.testinfra.RealInfrastructure;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The durable saga service under the Saga EIP itself, with a saga of its own whose one step is enlisted twice with
 * different option values, against what Camel 4.17's in-memory service gets wrong: a compensation that is still
 * running when the route goes on, every enlistment compensated with the last one's options, and a stopped saga route
 * stopping the saga service for every other route.
 */
@RealInfrastructure(database = "order_executor")
@CamelSpringBootTest
@SpringBootTest(properties = {
        "bookstore.instance-id=order-executor-1",
        "order-executor.zookeeper.root=/test/durable-saga-service-test",
        "order-executor.kafka.group-id=durable-saga-service-test",
        "order-executor.kafka.replies-group-id=durable-saga-service-test-replies"})
@DirtiesContext
class DurableSagaServiceTest {

    private static final SagaTopics TOPICS = SagaTopics.named("durable-saga-service-test");

    private final SagaRows rows = new SagaRows();

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Autowired
    Leadership leadership;

    @Autowired
    OrderAdmission admission;

    @EndpointInject("mock:compensation")
    MockEndpoint compensation;

    @EndpointInject("mock:completion")
    MockEndpoint completion;

    @DynamicPropertySource
    static void topics(DynamicPropertyRegistry registry) {
        TOPICS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void createTopics() {
        Topics.create(TOPICS.approved(), TOPICS.executions(), TOPICS.outcomes(), TOPICS.stockCommands(),
                TOPICS.paymentCommands(), TOPICS.replies());
    }

    @TestConfiguration
    static class TwoEnlistments {

        /** A saga whose one step is enlisted twice, first with value "first", then with "second". */
        @Bean
        RouteBuilder twoEnlistmentsSaga() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:two-enlistments").routeId("two-enlistments")
                            .saga().propagation(SagaPropagation.REQUIRED).completionMode(SagaCompletionMode.MANUAL)
                                .timeout("1m")
                            .setHeader("value", constant("first"))
                            .to("direct:enlisted-step")
                            .setHeader("value", constant("second"))
                            .to("direct:enlisted-step")
                            .choice()
                                .when(header("ending").isEqualTo("complete")).to("saga:complete")
                                .otherwise().to("saga:compensate");

                    from("direct:enlisted-step").routeId("enlisted-step")
                            .saga().propagation(SagaPropagation.MANDATORY)
                                .compensation("mock:compensation").completion("mock:completion")
                                .option("value", header("value"))
                            .log("step enlisted with value ${header.value}");

                    from("direct:another-saga").routeId("another-saga")
                            .saga().propagation(SagaPropagation.REQUIRED).completionMode(SagaCompletionMode.MANUAL)
                            .setHeader("value", constant("alone"))
                            .to("direct:enlisted-step")
                            .to("saga:complete");
                }
            };
        }
    }

    @BeforeEach
    void awaitLeadership() {
        await().atMost(PATIENCE).until(leadership::leads);
        compensation.reset();
        completion.reset();
    }

    @Test
    void compensationRunsEachEnlistmentWithItsOwnValuesInReverseOrderBeforeTheRouteGoesOn() {
        String orderId = UUID.randomUUID().toString();

        Exchange done = template.send("direct:two-enlistments", exchange -> start(exchange, orderId, "compensate"));

        assertThat(done.getException()).isNull();
        // no waiting: the compensation has run when saga:compensate answers
        assertThat(compensation.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getHeader("value"))
                .containsExactly("second", "first");
        assertThat(compensation.getReceivedExchanges()).allSatisfy(exchange -> assertThat(
                exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION)).isEqualTo(orderId + "/1"));
        assertThat(completion.getReceivedExchanges()).isEmpty();
        SagaRows.Saga saga = rows.of(orderId).orElseThrow();
        assertThat(saga.status()).isEqualTo("COMPENSATED");
        assertThat(saga.outcomePublished()).isTrue();
        // the admission also enlisted the checkout saga's reserve ahead: this saga never began it, so its compensation
        // (a RELEASE that no stock service answers here) did not run, or the saga would not be COMPENSATED yet
        assertThat(rows.steps(saga.sagaId())).filteredOn(step -> step.compensationUri().equals("mock://compensation"))
                .extracting(SagaRows.Step::options)
                .containsExactly("{\"value\": \"first\"}", "{\"value\": \"second\"}");
    }

    @Test
    void completionRunsEachEnlistmentWithItsOwnValues() {
        String orderId = UUID.randomUUID().toString();

        Exchange done = template.send("direct:two-enlistments", exchange -> start(exchange, orderId, "complete"));

        assertThat(done.getException()).isNull();
        assertThat(completion.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getHeader("value"))
                .containsExactly("second", "first");
        assertThat(compensation.getReceivedExchanges()).isEmpty();
        assertThat(rows.of(orderId).orElseThrow().status()).isEqualTo("COMPLETED");
    }

    @Test
    void stoppingOneSagaRouteLeavesTheSagaServiceToTheOthers() throws Exception {
        camel.getRouteController().stopRoute("two-enlistments");
        String orderId = UUID.randomUUID().toString();

        Exchange done = template.send("direct:another-saga", exchange -> start(exchange, orderId, "complete"));

        assertThat(done.getException()).isNull();
        assertThat(completion.getReceivedExchanges()).extracting(exchange -> exchange.getMessage().getHeader("value"))
                .containsExactly("alone");
        assertThat(rows.of(orderId).orElseThrow().status()).isEqualTo("COMPLETED");
        camel.getRouteController().startRoute("two-enlistments");
    }

    /** The order admitted as the executor's route admits it: a saga starts from what its admission wrote. */
    private void start(Exchange exchange, String orderId, String ending) {
        OrderApproved order = OrderTraffic.order(orderId, 1, "account", "book", 1, 1);
        exchange.setProperty(ApprovedOrder.PROPERTY, new ApprovedOrder(order, "None", VectorClock.empty(), -1, -1));
        admission.admit(exchange);
        exchange.getMessage().setHeader("ending", ending);
    }
}

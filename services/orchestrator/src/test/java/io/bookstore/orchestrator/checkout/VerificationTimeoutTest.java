package io.bookstore.orchestrator.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.contracts.causality.VectorClock;
import io.bookstore.contracts.order.Verdict;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.builder.ExpressionBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out's own bound (verification.timeout-ms) passes, with a service that has not answered yet (its call
 * still queued, so its gRPC deadline has not begun): the VerificationUnavailable that follows must reach the error
 * policy like any other and be answered 503.
 */
class VerificationTimeoutTest {

    private static final long TIMEOUT_MILLIS = 200;

    private final CountDownLatch released = new CountDownLatch(1);
    private DefaultCamelContext camel;

    @AfterEach
    void stop() {
        released.countDown();
        camel.stop();
    }

    @Test
    void aServiceSilentPastTheFanOutsTimeoutIsAnsweredAsUnavailable() throws Exception {
        start("detect-fraud");

        Exchange answered = camel.createProducerTemplate().request("direct:checkout", exchange -> { });

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(String.class))
                .isEqualTo("503 fraud-detection is unavailable: no answer within " + TIMEOUT_MILLIS + " ms");
    }

    @Test
    void noServiceAnsweringBeforeTheTimeoutIsAnsweredAsUnavailableNamingThemAll() throws Exception {
        // nothing is aggregated then: the exchange still holds the order, not a Verification (once a 500)
        start("verify-transaction", "detect-fraud", "suggest-books");

        Exchange answered = camel.createProducerTemplate().request("direct:checkout", exchange -> exchange.getMessage()
                .setBody("the order"));

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(String.class)).isEqualTo("503 transaction-verification, "
                + "fraud-detection, suggestions is unavailable: no answer within " + TIMEOUT_MILLIS + " ms");
    }

    /** The verifier routes named stay silent until the test ends; the others approve at once. */
    private void start(String... silent) throws Exception {
        camel = new DefaultCamelContext();
        Properties grpc = new Properties();
        grpc.put("grpc.transaction-verification", "127.0.0.1:1");
        grpc.put("grpc.fraud-detection", "127.0.0.1:1");
        grpc.put("grpc.suggestions", "127.0.0.1:1");
        camel.getPropertiesComponent().setInitialProperties(grpc);
        camel.addRoutes(new VerificationRoutes(TIMEOUT_MILLIS, 3));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as checkout-api and decide-checkout do: the failure caught is answered later, by the error policy
                from("direct:checkout").routeId("checkout")
                        .onException(VerificationUnavailableException.class).handled(true)
                            .setBody(simple("503 ${exception.message}"))
                        .end()
                        .to("direct:decide")
                        .process(exchange -> {
                            if (exchange.getProperty("unavailable") instanceof VerificationUnavailableException e) {
                                throw e;
                            }
                        });
                from("direct:decide").routeId("decide")
                        .doTry()
                            .to("direct:verify-order")
                            .setBody(constant("verified"))
                        .doCatch(VerificationUnavailableException.class)
                            .setProperty("unavailable", exchangeProperty(Exchange.EXCEPTION_CAUGHT))
                        .end();
            }
        });
        List<String> silentRoutes = List.of(silent);
        for (String routeId : List.of("verify-transaction", "detect-fraud", "suggest-books")) {
            if (silentRoutes.contains(routeId)) {
                AdviceWith.adviceWith(camel, routeId, route -> route.weaveByToUri("grpc:*").replace()
                        .process(exchange -> released.await(10, TimeUnit.SECONDS)));
            } else {
                answerApproved(routeId);
            }
        }
        camel.start();
    }

    private void answerApproved(String routeId) throws Exception {
        AdviceWith.adviceWith(camel, routeId, route -> route.weaveByToUri("grpc:*").replace()
                .setBody(ExpressionBuilder.constantExpression(Verdict.newBuilder().setApproved(true)
                        .setClock(VectorClock.getDefaultInstance()).build())));
    }
}

package io.bookstore.orchestrator.checkout;

import io.bookstore.orchestrator.api.ApiErrorPolicy;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * POST /checkout: receive the order, verify it in parallel, record the decision, wait for an approved order's saga,
 * answer. With {@code Prefer: respond-async} the answer is 202 at once, and the outcome is read back from
 * GET /orders/{id}. A retry with the first try's Idempotency-Key answers the first try's order.
 */
@Component
public class CheckoutRoutes extends RouteBuilder {

    private final Checkout checkout;

    public CheckoutRoutes(Checkout checkout) {
        this.checkout = checkout;
    }

    @Override
    public void configure() {
        rest("/checkout").description("The bookstore checkout (course contract)")
                .post().id("checkout-api").description("Verify an order and answer approved or rejected")
                    .to("direct:checkout");

        from("direct:checkout").routeId("checkout").routeConfigurationId(ApiErrorPolicy.ID)
                .removeHeaders("Long-Running-Action*")
                .process(checkout::receive)
                .choice()
                    .when(exchangeProperty(Checkout.RETRY_OF).isNotNull())
                        .process(checkout::answerRetry)
                    .when(header("Prefer").contains("respond-async"))
                        .wireTap("direct:decide-checkout")
                        .process(checkout::accepted)
                    .endChoice()
                    .otherwise()
                        .to("direct:decide-checkout")
                        .process(checkout::settle)
                        .process(checkout::answer)
                .end();

        from("direct:decide-checkout").routeId("decide-checkout")
                .doTry()
                    .to("direct:verify-order")
                    .process(checkout::approve)
                .doCatch(OrderRejectedException.class)
                    .process(checkout::reject)
                .doCatch(VerificationUnavailableException.class)
                    .process(checkout::abandon)
                .end()
                .wireTap("direct:clear-order");
    }
}

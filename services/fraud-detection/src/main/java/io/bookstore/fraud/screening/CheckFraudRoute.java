package io.bookstore.fraud.screening;

import io.bookstore.causality.OrderChecks;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Check: events d then e, each ticking this service's clock entry; the first failure rejects the order. */
@Component
public class CheckFraudRoute extends RouteBuilder {

    private final OrderChecks checks;
    private final UserDataScreening userData;
    private final CardScreening card;
    private final long delayMillis;

    public CheckFraudRoute(OrderChecks checks, UserDataScreening userData, CardScreening card,
                           VerificationProperties properties) {
        this.checks = checks;
        this.userData = userData;
        this.card = card;
        this.delayMillis = properties.delay().toMillis();
    }

    @Override
    public void configure() {
        from("direct:check-fraud")
                .routeId("check-fraud")
                .bean(checks, "receive")
                .delay(constant(delayMillis)).syncDelayed()
                .bean(userData, "check")
                .bean(card, "check")
                .bean(checks, "reply");
    }
}

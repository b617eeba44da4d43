package io.bookstore.transactionverification.verification;

import io.bookstore.causality.OrderChecks;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Verify: events a, b and c in that order, each ticking this service's clock entry; the first failure rejects. */
@Component
public class VerifyTransactionRoute extends RouteBuilder {

    private final OrderChecks verifications;
    private final ItemsCheck items;
    private final UserDataCheck userData;
    private final CardCheck card;
    private final VerificationProperties properties;

    public VerifyTransactionRoute(OrderChecks verifications, ItemsCheck items, UserDataCheck userData,
                                  CardCheck card, VerificationProperties properties) {
        this.verifications = verifications;
        this.items = items;
        this.userData = userData;
        this.card = card;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("direct:verify-transaction")
                .routeId("verify-transaction")
                .bean(verifications, "receive")
                .delay(constant(properties.delay().toMillis())).syncDelayed()
                .bean(items, "check")
                .bean(userData, "check")
                .bean(card, "check")
                .bean(verifications, "reply");
    }
}

package io.bookstore.orchestrator.checkout;

import io.bookstore.contracts.suggestions.SuggestedBook;
import java.util.List;

/** How a checkout ended: approved with suggestions, rejected with a reason, or not decided (a failure). */
record CheckoutOutcome(String orderId, boolean approved, List<SuggestedBook> suggestedBooks, String reason,
                       VerificationUnavailableException failure) {

    static CheckoutOutcome approved(String orderId, List<SuggestedBook> suggestedBooks) {
        return new CheckoutOutcome(orderId, true, List.copyOf(suggestedBooks), null, null);
    }

    static CheckoutOutcome rejected(String orderId, String reason) {
        return new CheckoutOutcome(orderId, false, List.of(), reason, null);
    }

    static CheckoutOutcome failed(String orderId, VerificationUnavailableException failure) {
        return new CheckoutOutcome(orderId, false, List.of(), failure.getMessage(), failure);
    }
}

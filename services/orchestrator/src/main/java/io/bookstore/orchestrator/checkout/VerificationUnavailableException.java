package io.bookstore.orchestrator.checkout;

import io.bookstore.orchestrator.api.ApiException;

/** A verification service is down or slower than its deadline: the order is never approved without it. */
public class VerificationUnavailableException extends ApiException {

    public VerificationUnavailableException(String service, String detail) {
        super(503, "verification_unavailable", service + " is unavailable: " + detail);
    }
}

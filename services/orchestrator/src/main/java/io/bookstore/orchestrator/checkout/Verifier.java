package io.bookstore.orchestrator.checkout;

/** The three services the orchestrator asks about every order, with their gRPC endpoints. */
public enum Verifier {
    TRANSACTION_VERIFICATION("transaction-verification", "direct:verify-transaction"),
    FRAUD_DETECTION("fraud-detection", "direct:detect-fraud"),
    SUGGESTIONS("suggestions", "direct:suggest-books");

    private final String serviceName;
    private final String endpoint;

    Verifier(String serviceName, String endpoint) {
        this.serviceName = serviceName;
        this.endpoint = endpoint;
    }

    public String serviceName() {
        return serviceName;
    }

    public String endpoint() {
        return endpoint;
    }
}

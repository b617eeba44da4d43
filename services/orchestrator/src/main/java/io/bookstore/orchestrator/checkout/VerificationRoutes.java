package io.bookstore.orchestrator.checkout;

import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.Verdict;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The verification fan-out: the order goes to the three services at once, over gRPC, each call bounded by a
 * deadline and the whole by a timeout. The first rejection ends the fan-out without waiting for the others.
 */
@Component
public class VerificationRoutes extends RouteBuilder {

    static final String VERIFIER = "verifier";

    private final long timeoutMillis;
    private final int threads;

    public VerificationRoutes(@Value("${verification.timeout-ms}") long timeoutMillis,
                              @Value("${verification.threads}") int threads) {
        this.timeoutMillis = timeoutMillis;
        this.threads = threads;
    }

    @Override
    public void configure() {
        ExecutorService fanOut = getContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "verification-fan-out", threads);

        // no error handler of its own: a failure here goes back to the caller (decide-checkout) as it is; one that this
        // route's error handler had taken could no longer be answered by the API's error policy (a 500 with Camel's
        // own body instead of the 503, under load, when the fan-out's timeout passed: make bench)
        from("direct:verify-order").routeId("verify-order")
                .errorHandler(noErrorHandler())
                .multicast(new VerdictAggregation())
                    .parallelProcessing().executorService(fanOut)
                    .stopOnException()
                    .timeout(timeoutMillis)
                    .to(Verifier.TRANSACTION_VERIFICATION.endpoint(), Verifier.FRAUD_DETECTION.endpoint(),
                        Verifier.SUGGESTIONS.endpoint())
                .end()
                .process(exchange -> gathered(exchange).requireAllAnswered(timeoutMillis));

        verifier(Verifier.TRANSACTION_VERIFICATION, "verify-transaction",
                "grpc://{{grpc.transaction-verification}}/io.bookstore.contracts.transactionverification.TransactionVerification"
                        + "?method=verify&synchronous=true");
        verifier(Verifier.FRAUD_DETECTION, "detect-fraud",
                "grpc://{{grpc.fraud-detection}}/io.bookstore.contracts.frauddetection.FraudDetection"
                        + "?method=check&synchronous=true");
        verifier(Verifier.SUGGESTIONS, "suggest-books",
                "grpc://{{grpc.suggestions}}/io.bookstore.contracts.suggestions.BookSuggestions"
                        + "?method=suggest&synchronous=true");
    }

    private void verifier(Verifier verifier, String routeId, String grpcUri) {
        from(verifier.endpoint()).routeId(routeId)
                .errorHandler(noErrorHandler())
                .setProperty(VERIFIER, constant(verifier))
                .doTry()
                    .to(grpcUri)
                .doCatch(Exception.class)
                    .process(unavailable(verifier))
                .end()
                .process(VerificationRoutes::rejectOnNegativeVerdict);
    }

    /** What the services answered; nothing, when the timeout passed before the first answer (none was aggregated). */
    private static Verification gathered(Exchange exchange) {
        Verification verification = exchange.getMessage().getBody(Verification.class);
        return verification != null ? verification : new Verification();
    }

    private static Processor unavailable(Verifier verifier) {
        return exchange -> {
            Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            throw new VerificationUnavailableException(verifier.serviceName(), failure.getMessage());
        };
    }

    private static void rejectOnNegativeVerdict(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof Verdict verdict && !verdict.getApproved()) {
            Verifier verifier = exchange.getProperty(VERIFIER, Verifier.class);
            throw new OrderRejectedException(verifier.serviceName(), verdict.getReason(),
                    VectorClocks.fromProto(verdict.getClock()));
        }
    }
}

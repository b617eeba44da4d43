package io.bookstore.orchestrator.checkout;

import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.Verdict;
import io.bookstore.contracts.suggestions.Suggestions;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** Folds the services' replies into one {@link Verification}; rejections never get here (they stop the fan-out). */
public class VerdictAggregation implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange gathered, Exchange reply) {
        Exchange result = gathered != null ? gathered : reply;
        Verification verification = gathered != null
                ? gathered.getMessage().getBody(Verification.class)
                : new Verification();
        Verifier verifier = reply.getProperty(VerificationRoutes.VERIFIER, Verifier.class);
        Object body = reply.getMessage().getBody();
        if (body instanceof Verdict verdict) {
            verification.replied(verifier, VectorClocks.fromProto(verdict.getClock()));
        } else if (body instanceof Suggestions suggestions) {
            verification.replied(verifier, VectorClocks.fromProto(suggestions.getClock()));
            verification.suggested(suggestions.getBooksList());
        }
        result.getMessage().setBody(verification);
        return result;
    }
}

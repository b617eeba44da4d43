package io.bookstore.orchestrator.checkout;

import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.suggestions.SuggestedBook;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the fan-out gathered: each service's reply clock and the suggested books. */
public class Verification {

    private final Map<Verifier, VectorClock> replies = new EnumMap<>(Verifier.class);
    private final List<SuggestedBook> suggestedBooks = new ArrayList<>();

    public void replied(Verifier verifier, VectorClock clock) {
        replies.put(verifier, clock);
    }

    public void suggested(List<SuggestedBook> books) {
        suggestedBooks.addAll(books);
    }

    public Map<Verifier, VectorClock> replies() {
        return replies;
    }

    public List<SuggestedBook> suggestedBooks() {
        return suggestedBooks;
    }

    public Set<Verifier> missing() {
        Set<Verifier> missing = EnumSet.allOf(Verifier.class);
        missing.removeAll(replies.keySet());
        return missing;
    }

    /** Every service answered within the multicast timeout; a silent one is as bad as a down one. */
    public void requireAllAnswered(long timeoutMillis) {
        Set<Verifier> missing = missing();
        if (!missing.isEmpty()) {
            throw new VerificationUnavailableException(
                    missing.stream().map(Verifier::serviceName).collect(Collectors.joining(", ")),
                    "no answer within " + timeoutMillis + " ms");
        }
    }
}

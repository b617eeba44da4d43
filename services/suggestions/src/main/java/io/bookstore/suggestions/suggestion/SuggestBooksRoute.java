package io.bookstore.suggestions.suggestion;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Suggest: event f, ticking this service's clock entry, up to {@code suggestions.max-books} books. */
@Component
public class SuggestBooksRoute extends RouteBuilder {

    private final SuggestionRequests requests;
    private final BookSuggester suggester;
    private final long delayMillis;

    public SuggestBooksRoute(SuggestionRequests requests, BookSuggester suggester,
                             VerificationProperties verification) {
        this.requests = requests;
        this.suggester = suggester;
        this.delayMillis = verification.delay().toMillis();
    }

    @Override
    public void configure() {
        from("direct:suggest-books")
                .routeId("suggest-books")
                .bean(requests, "receive")
                .delay(constant(delayMillis)).syncDelayed()
                .bean(suggester, "suggest")
                .bean(requests, "reply");
    }
}

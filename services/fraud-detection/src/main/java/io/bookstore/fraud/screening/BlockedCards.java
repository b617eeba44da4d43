package io.bookstore.fraud.screening;

import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Which cards are blocked outright is the operator route direct:blocked-cards
 * (routes/fraud-detection/blocked-cards.yaml), so that a card or range is blocked without a rebuild.
 */
@Component
public class BlockedCards {

    static final String ENDPOINT = "direct:blocked-cards";
    static final String CARD_NUMBER = "cardNumber";
    static final String REJECTION = "cardRejection";

    private final ProducerTemplate routes;

    public BlockedCards(ProducerTemplate routes) {
        this.routes = routes;
    }

    /** The reason the operator route rejects this card number (digits only) with; empty when it does not. */
    public Optional<String> rejection(String cardNumber) {
        Exchange answer = routes.request(ENDPOINT, exchange -> exchange.getMessage().setHeader(CARD_NUMBER, cardNumber));
        if (answer.getException() != null) {
            throw new IllegalStateException("the operator route " + ENDPOINT + " failed", answer.getException());
        }
        return Optional.ofNullable(answer.getMessage().getHeader(REJECTION, String.class)).filter(r -> !r.isBlank());
    }
}

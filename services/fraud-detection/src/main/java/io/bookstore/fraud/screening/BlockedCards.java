package io.bookstore.fraud.screening;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
    static final String ROUTE_ID = "blocked-cards";

    private static final Logger LOG = LoggerFactory.getLogger(BlockedCards.class);

    private final ProducerTemplate routes;
    private final CamelContext camel;
    private final Path routesDir;

    public BlockedCards(ProducerTemplate routes, CamelContext camel, @Value("${bookstore.routes-dir}") Path routesDir) {
        this.routes = routes;
        this.camel = camel;
        this.routesDir = routesDir;
    }

    /** The service starts without its operator route, but says so: until the route is loaded, card checks fail. */
    @EventListener(ApplicationReadyEvent.class)
    public void reportAMissingRoute() {
        if (camel.getRoute(ROUTE_ID) == null) {
            LOG.error("the operator route {} is not loaded: no {} (set ROUTES_DIR to the repository's routes/);"
                    + " every card check fails until the file is there", ROUTE_ID,
                    routesDir.resolve("fraud-detection/blocked-cards.yaml").toAbsolutePath());
        }
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

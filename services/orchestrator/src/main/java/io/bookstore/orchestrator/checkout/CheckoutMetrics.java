package io.bookstore.orchestrator.checkout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.ObjectHelper;
import org.springframework.stereotype.Component;

/**
 * Counts decided checkouts by outcome and reason, and times them from reception to decision, so the routes stay as
 * they are: every decision, answered at once or with respond-async, ends by sending one copy of its exchange to
 * {@value #DECIDED}, and a copy keeps the clock of the request it came from. The reason is one of a few codes,
 * never the free text (which names books and would make a new series per title).
 */
@Component
public class CheckoutMetrics extends EventNotifierSupport {

    static final String DECIDED = "direct://clear-order";

    private final MeterRegistry meters;

    public CheckoutMetrics(MeterRegistry meters) {
        this.meters = meters;
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSendingEvent sending
                && DECIDED.equals(sending.getEndpoint().getEndpointUri());
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeSendingEvent) event).getExchange();
        CheckoutOutcome outcome = exchange.getProperty(Checkout.OUTCOME, CheckoutOutcome.class);
        if (outcome == null) {
            return;
        }
        String result = outcome.failure() != null ? "unverified" : outcome.approved() ? "approved" : "rejected";
        String reason = outcome.failure() != null ? "service_unavailable" : outcome.approved() ? "none"
                : reasonCode(ObjectHelper.getException(OrderRejectedException.class,
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)), outcome.reason());
        Counter.builder("checkouts").tag("outcome", result).tag("reason", reason)
                .description("checkouts decided, by outcome and reason code")
                .register(meters).increment();
        Timer.builder("checkout.latency").tag("outcome", result)
                .description("from a checkout's reception to its decision")
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.ofMillis(exchange.getClock().elapsed()));
    }

    /** A small fixed set: fraud, items, user_data, card, stock, payment or other. */
    static String reasonCode(OrderRejectedException rejection, String reason) {
        if (rejection != null && "fraud-detection".equals(rejection.service())) {
            return "fraud";
        }
        String text = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (text.contains("out of stock")) {
            return "stock";
        }
        if (text.contains("card") || text.contains("cvv") || text.contains("expir")) {
            return "card";
        }
        if (text.contains("credit") || text.contains("payment") || text.contains("funds")) {
            return "payment";
        }
        if (text.contains("item") || text.contains("book") || text.contains("quantity") || text.contains("copies")) {
            return "items";
        }
        if (text.contains("name") || text.contains("contact") || text.contains("billing") || text.contains("terms")) {
            return "user_data";
        }
        return "other";
    }
}

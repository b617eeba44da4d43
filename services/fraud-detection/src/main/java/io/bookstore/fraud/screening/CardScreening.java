package io.bookstore.fraud.screening;

import io.bookstore.causality.OrderUnderCheck;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.fraud.velocity.Fingerprints;
import io.bookstore.fraud.velocity.VelocityWindows;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Event e: the card is not fraudulent: not blocked (the operator route behind {@link BlockedCards}), no suspicious number or expiry, an order of a usual size, and not
 * too many orders on one card. Malformed cards are transaction-verification's to reject (event c); they pass here.
 */
@Component
public class CardScreening {

    private static final Pattern EXPIRY = Pattern.compile("(0[1-9]|1[0-2])/(\\d{2})");

    private final BlockedCards blockedCards;
    private final List<Pattern> suspiciousNumbers;
    private final int maxCardValidityYears;
    private final int maxCopiesPerOrder;
    private final int maxOrdersPerCard;
    private final VelocityWindows windows;
    private final Clock clock;

    public CardScreening(FraudRules rules, BlockedCards blockedCards, VelocityWindows windows, Clock clock) {
        this.blockedCards = blockedCards;
        this.suspiciousNumbers = rules.blockedCardPatterns().stream().map(Pattern::compile).toList();
        this.maxCardValidityYears = rules.maxCardValidityYears();
        this.maxCopiesPerOrder = rules.maxCopiesPerOrder();
        this.maxOrdersPerCard = rules.velocity().maxOrdersPerCard();
        this.windows = windows;
        this.clock = clock;
    }

    public void check(OrderUnderCheck order) {
        order.perform("e: card screened", () -> rejection(order.order()));
    }

    private Optional<String> rejection(Order order) {
        String number = Fingerprints.digitsOf(order.getCreditCard().getNumber());
        Optional<String> blocked = number.isEmpty() ? Optional.empty() : blockedCards.rejection(number);
        if (blocked.isPresent()) {
            return blocked;
        }
        if (!number.isEmpty() && suspiciousNumbers.stream().anyMatch(pattern -> pattern.matcher(number).matches())) {
            return Optional.of("suspicious card number");
        }
        if (expiresImplausiblyLate(order.getCreditCard().getExpirationDate())) {
            return Optional.of("suspicious expiration date");
        }
        if (order.getLinesList().stream().mapToLong(OrderLine::getQuantity).sum() > maxCopiesPerOrder) {
            return Optional.of("unusually large order");
        }
        if (!number.isEmpty() && !windows.admit(Fingerprints.card(number), order.getOrderId(), maxOrdersPerCard)) {
            return Optional.of("too many orders for this card");
        }
        return Optional.empty();
    }

    private boolean expiresImplausiblyLate(String expiration) {
        Matcher expiry = EXPIRY.matcher(expiration.strip());
        if (!expiry.matches()) {
            return false;
        }
        YearMonth lastMonth = YearMonth.of(2000 + Integer.parseInt(expiry.group(2)), Integer.parseInt(expiry.group(1)));
        return lastMonth.isAfter(YearMonth.now(clock).plusYears(maxCardValidityYears));
    }
}

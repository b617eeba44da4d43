package io.bookstore.transactionverification.verification;

import io.bookstore.causality.OrderUnderCheck;
import io.bookstore.contracts.order.CreditCard;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Event c: the card has a valid format: 13-19 digits passing Luhn, MM/YY not in the past, a 3-4 digit CVV. */
@Component
public class CardCheck {

    private static final Pattern CARD_NUMBER = Pattern.compile("\\d{13,19}");
    private static final Pattern EXPIRY = Pattern.compile("(0[1-9]|1[0-2])/(\\d{2})");
    private static final Pattern CVV = Pattern.compile("\\d{3,4}");

    private final Clock clock;

    public CardCheck(Clock clock) {
        this.clock = clock;
    }

    public void check(OrderUnderCheck order) {
        order.perform("c: card checked", () -> rejection(order.order().getCreditCard()));
    }

    private Optional<String> rejection(CreditCard card) {
        String number = digitsOf(card.getNumber());
        if (number.isEmpty()) {
            return Optional.of("missing card number");
        }
        if (!CARD_NUMBER.matcher(number).matches() || !passesLuhn(number)) {
            return Optional.of("invalid card number");
        }
        Matcher expiry = EXPIRY.matcher(card.getExpirationDate().strip());
        if (!expiry.matches()) {
            return Optional.of("invalid expiration date");
        }
        YearMonth lastMonth = YearMonth.of(2000 + Integer.parseInt(expiry.group(2)), Integer.parseInt(expiry.group(1)));
        if (lastMonth.isBefore(YearMonth.now(clock))) {
            return Optional.of("credit card expired");
        }
        if (!CVV.matcher(card.getCvv().strip()).matches()) {
            return Optional.of("invalid CVV");
        }
        return Optional.empty();
    }

    /** People type card numbers with spaces or dashes between the groups. */
    static String digitsOf(String number) {
        return number.replaceAll("[\\s-]", "");
    }

    static boolean passesLuhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}

package io.bookstore.fraud.screening;

import io.bookstore.causality.OrderUnderCheck;
import io.bookstore.contracts.order.Order;
import io.bookstore.fraud.velocity.Fingerprints;
import io.bookstore.fraud.velocity.VelocityWindows;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Event d: the user data is not fraudulent: no blocked name or contact, not too many orders from one contact. */
@Component
public class UserDataScreening {

    private final List<Pattern> blocked;
    private final VelocityWindows windows;
    private final int maxOrdersPerContact;

    public UserDataScreening(FraudRules rules, VelocityWindows windows) {
        this.blocked = rules.blockedUserPatterns().stream()
                .map(pattern -> Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
        this.windows = windows;
        this.maxOrdersPerContact = rules.velocity().maxOrdersPerContact();
    }

    public void check(OrderUnderCheck order) {
        order.perform("d: user data screened", () -> rejection(order.order()));
    }

    private Optional<String> rejection(Order order) {
        if (isBlocked(order.getUser().getName())) {
            return Optional.of("blocked name");
        }
        String contact = order.getUser().getContact();
        if (isBlocked(contact)) {
            return Optional.of("blocked contact");
        }
        if (!contact.isBlank()
                && !windows.admit(Fingerprints.contact(contact), order.getOrderId(), maxOrdersPerContact)) {
            return Optional.of("too many orders for this contact");
        }
        return Optional.empty();
    }

    private boolean isBlocked(String text) {
        return blocked.stream().anyMatch(pattern -> pattern.matcher(text).find());
    }
}

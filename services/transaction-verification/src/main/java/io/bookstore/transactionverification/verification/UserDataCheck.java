package io.bookstore.transactionverification.verification;

import io.bookstore.causality.OrderUnderCheck;
import io.bookstore.contracts.order.Address;
import io.bookstore.contracts.order.Order;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Event b: the mandatory user data is filled in and the terms are accepted. */
@Component
public class UserDataCheck {

    public void check(OrderUnderCheck order) {
        order.perform("b: user data checked", () -> rejection(order.order()));
    }

    private static Optional<String> rejection(Order order) {
        if (order.getUser().getName().isBlank()) {
            return Optional.of("missing name");
        }
        if (order.getUser().getContact().isBlank()) {
            return Optional.of("missing contact");
        }
        Address address = order.getBillingAddress();
        if (address.getStreet().isBlank() && address.getCity().isBlank() && address.getZip().isBlank()
                && address.getCountry().isBlank()) {
            return Optional.of("missing billing address");
        }
        if (address.getStreet().isBlank()) {
            return Optional.of("missing billing street");
        }
        if (address.getCity().isBlank()) {
            return Optional.of("missing billing city");
        }
        if (address.getZip().isBlank()) {
            return Optional.of("missing billing zip code");
        }
        if (address.getCountry().isBlank()) {
            return Optional.of("missing billing country");
        }
        if (!order.getTermsAccepted()) {
            return Optional.of("terms and conditions not accepted");
        }
        return Optional.empty();
    }
}

package io.bookstore.orchestrator.checkout;

import io.bookstore.contracts.order.Address;
import io.bookstore.contracts.order.CreditCard;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.contracts.order.User;
import java.util.Objects;

/** Maps the checkout request onto the verification contract; absent fields become empty strings or zero. */
final class OrderContracts {

    private OrderContracts() {
    }

    static Order toProto(String orderId, CheckoutRequest request, CardTier tier) {
        Order.Builder order = Order.newBuilder()
                .setOrderId(orderId)
                .setTier(tier.contract())
                .setTermsAccepted(Boolean.TRUE.equals(request.termsAndConditionsAccepted()))
                .setShippingMethod(text(request.shippingMethod()))
                .setDiscountCode(text(request.discountCode()));
        if (request.user() != null) {
            order.setUser(User.newBuilder().setName(text(request.user().name())).setContact(text(request.user().contact())));
        }
        if (request.creditCard() != null) {
            CheckoutRequest.CreditCard card = request.creditCard();
            order.setCreditCard(CreditCard.newBuilder().setNumber(text(card.number()))
                    .setExpirationDate(text(card.expirationDate())).setCvv(text(card.cvv())));
        }
        if (request.billingAddress() != null) {
            CheckoutRequest.Address address = request.billingAddress();
            order.setBillingAddress(Address.newBuilder().setStreet(text(address.street())).setCity(text(address.city()))
                    .setState(text(address.state())).setZip(text(address.zip())).setCountry(text(address.country())));
        }
        if (request.items() != null) {
            request.items().stream().filter(Objects::nonNull).forEach(item -> order.addLines(OrderLine.newBuilder()
                    .setBookId(text(item.id()))
                    .setTitle(text(item.name()))
                    .setQuantity(item.quantity() == null ? 0 : item.quantity())
                    .setCategory(text(item.category()))));
        }
        return order.build();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

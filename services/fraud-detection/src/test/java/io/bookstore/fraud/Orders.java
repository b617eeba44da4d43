package io.bookstore.fraud;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.Address;
import io.bookstore.contracts.order.CreditCard;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.contracts.order.User;
import io.bookstore.contracts.order.VerificationRequest;

/** A clean order as the orchestrator sends it, with its own contact so velocity windows of tests stay apart. */
final class Orders {

    private Orders() {
    }

    static Order.Builder clean(String orderId, String cardNumber) {
        return Order.newBuilder()
                .setOrderId(orderId)
                .setUser(User.newBuilder().setName("Ada Lovelace").setContact(orderId + "@example.org"))
                .setCreditCard(CreditCard.newBuilder().setNumber(cardNumber).setExpirationDate("12/30").setCvv("123"))
                .setBillingAddress(Address.newBuilder().setStreet("1 Main St").setCity("Tartu").setZip("50090").setCountry("Estonia"))
                .addLines(OrderLine.newBuilder().setTitle("Dune").setQuantity(1))
                .setTermsAccepted(true);
    }

    static VerificationRequest request(Order.Builder order, VectorClock clock) {
        return VerificationRequest.newBuilder().setOrder(order).setClock(VectorClocks.toProto(clock)).build();
    }
}

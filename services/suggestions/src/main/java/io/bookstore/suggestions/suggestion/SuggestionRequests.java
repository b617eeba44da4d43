package io.bookstore.suggestions.suggestion;

import io.bookstore.causality.OrderClockCache;
import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.order.VerificationRequest;
import io.bookstore.contracts.suggestions.Suggestions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The start and the end of a Suggest call: the order's copy and clock in, the books with the clock out. */
@Component
public class SuggestionRequests {

    private final OrderClockCache orderClocks;
    private final String node;

    public SuggestionRequests(OrderClockCache orderClocks, @Value("${bookstore.instance-id}") String node) {
        this.orderClocks = orderClocks;
        this.node = node;
    }

    public OrderForSuggestions receive(VerificationRequest request) {
        VectorClock requestClock = VectorClocks.fromProto(request.getClock());
        if (request.getOrder().getOrderId().isBlank()) {
            return new OrderForSuggestions(request.getOrder(), node, requestClock.tick(node));
        }
        return new OrderForSuggestions(request.getOrder(), node, orderClocks.receive(request.getOrder(), requestClock));
    }

    public Suggestions reply(OrderForSuggestions order) {
        if (!order.order().getOrderId().isBlank()) {
            orderClocks.keep(order.order(), order.clock());
        }
        return Suggestions.newBuilder()
                .addAllBooks(order.books())
                .setClock(VectorClocks.toProto(order.clock()))
                .build();
    }
}

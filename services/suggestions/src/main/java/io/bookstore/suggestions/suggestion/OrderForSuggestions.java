package io.bookstore.suggestions.suggestion;

import io.bookstore.causality.OrderEventLog;
import io.bookstore.causality.VectorClock;
import io.bookstore.contracts.order.Order;
import io.bookstore.contracts.suggestions.SuggestedBook;
import java.util.List;
import java.util.function.Supplier;

/** One order while this service finds books for it; the event ticks its clock. */
public final class OrderForSuggestions {

    private final Order order;
    private final String node;
    private VectorClock clock;
    private List<SuggestedBook> books = List.of();

    OrderForSuggestions(Order order, String node, VectorClock clock) {
        this.order = order;
        this.node = node;
        this.clock = clock;
    }

    void perform(String event, Supplier<List<SuggestedBook>> suggest) {
        books = List.copyOf(suggest.get());
        clock = clock.tick(node);
        OrderEventLog.event(order.getOrderId(), clock, event);
    }

    Order order() {
        return order;
    }

    VectorClock clock() {
        return clock;
    }

    List<SuggestedBook> books() {
        return books;
    }
}

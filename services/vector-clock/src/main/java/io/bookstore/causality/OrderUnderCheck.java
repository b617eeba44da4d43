package io.bookstore.causality;

import io.bookstore.contracts.order.Order;
import java.util.Optional;
import java.util.function.Supplier;

/** One order while this service checks it: every event ticks its clock; the first failed check is the verdict. */
public final class OrderUnderCheck {

    private final Order order;
    private final String node;
    private VectorClock clock;
    private String rejection;

    public OrderUnderCheck(Order order, String node, VectorClock clock) {
        this.order = order;
        this.node = node;
        this.clock = clock;
    }

    public static OrderUnderCheck rejected(Order order, String node, VectorClock clock, String reason) {
        OrderUnderCheck check = new OrderUnderCheck(order, node, clock);
        check.rejection = reason;
        return check;
    }

    /** Performs one event unless an earlier one already rejected the order: later checks would not change the verdict. */
    public void perform(String event, Supplier<Optional<String>> check) {
        if (rejection != null) {
            return;
        }
        rejection = check.get().orElse(null);
        clock = clock.tick(node);
        OrderEventLog.event(order.getOrderId(), clock, event);
    }

    public Order order() {
        return order;
    }

    public VectorClock clock() {
        return clock;
    }

    public Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }
}

package io.bookstore.causality;

import io.bookstore.contracts.order.Verdict;
import io.bookstore.contracts.order.VerificationRequest;

/**
 * The start and the end of a verification service's checks: the order's copy and clock in, the verdict with the
 * clock out.
 */
public class OrderChecks {

    private final OrderClockCache orderClocks;
    private final String node;
    private final String service;

    public OrderChecks(OrderClockCache orderClocks, String node, String service) {
        this.orderClocks = orderClocks;
        this.node = node;
        this.service = service;
    }

    public OrderUnderCheck receive(VerificationRequest request) {
        VectorClock requestClock = VectorClocks.fromProto(request.getClock());
        if (request.getOrder().getOrderId().isBlank()) {
            return OrderUnderCheck.rejected(request.getOrder(), node, requestClock.tick(node), "missing order id");
        }
        return new OrderUnderCheck(request.getOrder(), node, orderClocks.receive(request.getOrder(), requestClock));
    }

    public Verdict reply(OrderUnderCheck check) {
        if (!check.order().getOrderId().isBlank()) {
            orderClocks.keep(check.order(), check.clock());
        }
        Verdict.Builder verdict = Verdict.newBuilder()
                .setApproved(check.rejection().isEmpty())
                .setService(service)
                .setClock(VectorClocks.toProto(check.clock()));
        check.rejection().ifPresent(verdict::setReason);
        OrderEventLog.verdict(check.order().getOrderId(), check.clock(),
                check.rejection().map(reason -> "rejected: " + reason).orElse("approved"));
        return verdict.build();
    }
}

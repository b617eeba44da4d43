package io.bookstore.executor.intake;

/** An approved order as the executors queue it: kept on the exchange while it waits in the resequencer. */
public record ApprovedOrder(String orderId, String tier, int partition, long offset) {

    public static final String PROPERTY = "approvedOrder";
}

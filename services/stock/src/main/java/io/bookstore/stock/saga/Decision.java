package io.bookstore.stock.saga;

import io.bookstore.contracts.saga.StockReply;

/** What a command came to: its outcome, why, and whether it is the recorded answer to an earlier delivery. */
public record Decision(StockReply.Outcome outcome, String reason, boolean repeated) {
}

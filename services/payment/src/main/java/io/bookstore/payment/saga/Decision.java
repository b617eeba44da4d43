package io.bookstore.payment.saga;

import io.bookstore.contracts.saga.PaymentReply;

/** What a command came to: its outcome, why, and whether it is the recorded answer to an earlier delivery. */
public record Decision(PaymentReply.Outcome outcome, String reason, boolean repeated) {
}

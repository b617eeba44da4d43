package io.bookstore.executor.saga;

import io.bookstore.contracts.causality.VectorClock;

/**
 * A participant's answer to a saga command, whichever participant sent it. undo tells a RELEASE/REFUND answer from
 * a RESERVE/CHARGE one; succeeded is true for RESERVED, CHARGED, RELEASED and REFUNDED.
 */
public record StepReply(String participant, String operationKey, boolean undo, String outcome, boolean succeeded,
                        String reason, VectorClock clock) {

    /** No reply is coming: the saga ended without it (its deadline passed), or this replica stopped leading. */
    static StepReply none(String operationKey, String why) {
        return new StepReply("", operationKey, false, "NO_REPLY", false, why, VectorClock.getDefaultInstance());
    }

    public boolean arrived() {
        return !participant.isEmpty();
    }
}

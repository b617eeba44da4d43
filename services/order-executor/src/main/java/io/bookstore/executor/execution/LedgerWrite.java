package io.bookstore.executor.execution;

/**
 * What became of a fenced write to the executions table. For a refused write: the epoch that leads now (FENCED), or
 * the execution already recorded for the order (a redelivery), with the executor and epoch that wrote it.
 */
public record LedgerWrite(Result result, long currentEpoch, String executorId, long epoch) {

    public enum Result {
        APPLIED,
        FENCED,
        ALREADY_STARTED,
        ALREADY_FINISHED
    }

    static LedgerWrite applied(long epoch) {
        return new LedgerWrite(Result.APPLIED, epoch, null, epoch);
    }
}

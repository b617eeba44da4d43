package io.bookstore.executor.leadership;

/** A write under a stale epoch was refused: a later leadership term exists. */
public class FencedException extends RuntimeException {

    private final long staleEpoch;
    private final long currentEpoch;

    public FencedException(long staleEpoch, long currentEpoch) {
        super("epoch " + staleEpoch + " is stale: epoch " + currentEpoch + " leads");
        this.staleEpoch = staleEpoch;
        this.currentEpoch = currentEpoch;
    }

    public long staleEpoch() {
        return staleEpoch;
    }

    public long currentEpoch() {
        return currentEpoch;
    }
}

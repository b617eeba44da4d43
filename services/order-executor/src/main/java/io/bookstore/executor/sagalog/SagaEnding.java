package io.bookstore.executor.sagalog;

/** The two ways a saga ends: each runs one endpoint per step, in reverse order of enlistment. */
public enum SagaEnding {
    COMPENSATE(SagaStatus.COMPENSATING, SagaStatus.COMPENSATED),
    COMPLETE(SagaStatus.COMPLETING, SagaStatus.COMPLETED);

    private final SagaStatus during;
    private final SagaStatus done;

    SagaEnding(SagaStatus during, SagaStatus done) {
        this.during = during;
        this.done = done;
    }

    public SagaStatus during() {
        return during;
    }

    public SagaStatus done() {
        return done;
    }

    static SagaEnding of(SagaStatus status) {
        return switch (status) {
            case COMPENSATING, COMPENSATED -> COMPENSATE;
            case COMPLETING, COMPLETED -> COMPLETE;
            default -> throw new IllegalArgumentException(status + " is not an ending");
        };
    }

    String noun() {
        return this == COMPENSATE ? "compensation" : "completion";
    }
}

package io.bookstore.executor.sagalog;

/** Where a saga is: running its steps, running its compensations or completions, or ended. */
public enum SagaStatus {
    RUNNING,
    COMPENSATING,
    COMPLETING,
    COMPENSATED,
    COMPLETED,
    /** A compensation or completion failed on every attempt: an operator has to look. */
    NEEDS_ATTENTION;

    public boolean isFinal() {
        return this == COMPENSATED || this == COMPLETED || this == NEEDS_ATTENTION;
    }
}

package io.bookstore.executor.sagalog;

/** A step, or the other ending, was asked of a saga that is already ending or has ended. */
public class SagaNotRunningException extends IllegalStateException {

    public SagaNotRunningException(String sagaId, String state) {
        super("saga " + sagaId + " is " + state);
    }
}

package io.bookstore.executor.sagalog;

/** The replies a saga's route is waiting for: released when the saga ends without it, or when the term ends. */
public interface StepWaits {

    /** The saga is being compensated (its deadline passed, or a step was refused): its route waits no longer. */
    void release(String sagaId);

    /** This replica stopped leading: no route waits any longer. */
    void releaseAll();
}

package io.bookstore.executor.sagalog;

/** Publishes what became of a saga, once its final state is recorded; throws when it could not. */
public interface SagaOutcomes {

    void publish(SagaRecord saga);
}

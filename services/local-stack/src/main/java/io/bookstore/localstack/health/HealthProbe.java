package io.bookstore.localstack.health;

/** Asks a running part whether it is ready; cheap enough to call every few hundred milliseconds. */
public interface HealthProbe extends AutoCloseable {

    Health check();

    @Override
    default void close() {
    }
}

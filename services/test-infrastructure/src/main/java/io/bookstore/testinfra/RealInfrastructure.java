package io.bookstore.testinfra;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class real ZooKeeper, Kafka (KRaft) and PostgreSQL, started once per test JVM, and
 * publishes their addresses as the system properties the services read ({@code ZOOKEEPER_CONNECT},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}).
 * Declare it before {@code @SpringBootTest} so the addresses exist when the context starts.
 */
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {

    /** The PostgreSQL database that {@code DB_URL} points to; created when missing. Empty: no database. */
    String database() default "";
}

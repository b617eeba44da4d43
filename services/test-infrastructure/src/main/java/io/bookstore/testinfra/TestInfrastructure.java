package io.bookstore.testinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.apache.curator.test.TestingServer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real ZooKeeper server, one KRaft Kafka broker and one PostgreSQL 17 server for the whole test JVM, stopped
 * when the last test has run ({@link InfrastructureStop}), or by a shutdown hook when the JVM ends first. Each test
 * class asks for the database it owns.
 */
public final class TestInfrastructure {

    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final int KAFKA_PARTITIONS = 3;

    private static TestInfrastructure shared;

    private final TestingServer zookeeper;
    private final EmbeddedKafkaKraftBroker kafka;
    private final EmbeddedPostgres postgres;
    private boolean stopped;

    private TestInfrastructure(TestingServer zookeeper, EmbeddedKafkaKraftBroker kafka, EmbeddedPostgres postgres) {
        this.zookeeper = zookeeper;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            TestInfrastructure started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-infrastructure-stop"));
            shared = started;
        }
        return shared;
    }

    /** Stops the servers if they were started; a later {@link #shared()} starts new ones. */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    private static TestInfrastructure start() {
        try {
            TestingServer zookeeper = new TestingServer(true);
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, KAFKA_PARTITIONS);
            kafka.brokerProperty("auto.create.topics.enable", "true");
            kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
            kafka.afterPropertiesSet();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            return new TestInfrastructure(zookeeper, kafka, postgres);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test infrastructure", e);
        }
    }

    public String zookeeperConnect() {
        return zookeeper.getConnectString();
    }

    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(DB_USER, database).replaceAll("[?&]user=[^&]*", "");
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public EmbeddedKafkaKraftBroker kafka() {
        return kafka;
    }

    public synchronized void createDatabase(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a database name: " + database);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), DB_USER, DB_PASSWORD);
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        kafka.destroy();
        try {
            postgres.close();
            zookeeper.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

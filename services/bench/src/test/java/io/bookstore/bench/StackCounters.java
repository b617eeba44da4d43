package io.bookstore.bench;

import com.sun.tools.attach.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The stack's work in counts, read with each sample: the Kafka broker's requests by kind and the records appended to
 * each topic (its own meters, through a JMX agent attached to the broker's JVM), and each database's transactions,
 * read-only ones included, and rows written (pg_stat_database, which a busy backend brings up to date about once a
 * second, an idle one within ten). Unlike CPU time, which the machine's other work moves by tens
 * of per cent from one run to the next, these say exactly what a change saved: a request or a transaction fewer per
 * checkout is one fewer in every run.
 * <p>
 * Either source that cannot be reached (a stack not started by the launcher, another database password) is left
 * out of the report, said once.
 */
final class StackCounters implements AutoCloseable {

    static final String KAFKA_REQUESTS = "kafka requests: ";
    static final String KAFKA_RECORDS = "kafka records appended: ";
    static final String POSTGRES_TRANSACTIONS = "postgres transactions: ";
    static final String POSTGRES_ROWS = "postgres rows written: ";

    private static final String DATABASES = "select datname, xact_commit, tup_inserted + tup_updated + tup_deleted"
            + " from pg_stat_database where datname not in ('postgres', 'template0', 'template1')";

    private final Path kafkaPid;
    private final String postgresUrl;
    private final String postgresUser;
    private final String postgresPassword;
    private final Source broker = new Source("Kafka request counts", this::kafka, this::closeKafka);
    private final Source databases = new Source("database counts", this::postgres, this::closePostgres);
    private JMXConnector kafka;
    private Connection postgres;

    StackCounters(Path root, Map<String, String> env) {
        this.kafkaPid = root.resolve(".local/pids/kafka.pid");
        this.postgresUrl = env.getOrDefault("BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        this.postgresUser = env.getOrDefault("BENCH_POSTGRES_USER", "postgres");
        this.postgresPassword = env.getOrDefault("BENCH_POSTGRES_PASSWORD", "postgres");
    }

    /** The counters as they stand. */
    Map<String, Long> read() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.putAll(broker.read());
        counters.putAll(databases.read());
        return counters;
    }

    private interface Reading {
        Map<String, Long> read() throws Exception;
    }

    /**
     * One source of counters: one that fails before its first read is left out for the rest of the run (said once);
     * one that fails later is reconnected and read again at the next sample.
     */
    private static final class Source {

        private final String name;
        private final Reading reading;
        private final Runnable disconnect;
        private boolean everRead;
        private boolean unreachable;

        Source(String name, Reading reading, Runnable disconnect) {
            this.name = name;
            this.reading = reading;
            this.disconnect = disconnect;
        }

        Map<String, Long> read() {
            if (unreachable) {
                return Map.of();
            }
            try {
                Map<String, Long> counters = reading.read();
                everRead = true;
                return counters;
            } catch (Exception e) {
                disconnect.run();
                if (!everRead) {
                    unreachable = true;
                    System.out.println("bench: no " + name + " (" + e.getMessage() + ")");
                }
                return Map.of();
            }
        }
    }

    private Map<String, Long> kafka() throws Exception {
        MBeanServerConnection broker = kafkaConnection();
        // looked up every time: the broker registers a meter when it first sees a request version or a topic
        Set<ObjectName> meters = new HashSet<>(broker.queryNames(
                new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null));
        // FetchConsumer and FetchFollower are the Fetch requests again, by whom they came from
        meters.removeIf(meter -> meter.getKeyProperty("request").startsWith("Fetch")
                && !meter.getKeyProperty("request").equals("Fetch"));
        meters.addAll(broker.queryNames(
                new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=*"), null));
        Map<String, Long> counters = new TreeMap<>();
        for (ObjectName meter : meters) {
            long count = ((Number) broker.getAttribute(meter, "Count")).longValue();
            String request = meter.getKeyProperty("request");
            counters.merge(request != null ? KAFKA_REQUESTS + request
                    : KAFKA_RECORDS + meter.getKeyProperty("topic"), count, Long::sum);
        }
        return counters;
    }

    /** Attaches once: the broker's JVM starts its local JMX agent, which only this machine's user can reach. */
    private MBeanServerConnection kafkaConnection() throws Exception {
        if (kafka == null) {
            String pid = Files.readString(kafkaPid).trim().split("\\s+")[0];
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                kafka = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
            } finally {
                vm.detach();
            }
        }
        return kafka.getMBeanServerConnection();
    }

    private Map<String, Long> postgres() throws SQLException {
        if (postgres == null) {
            postgres = DriverManager.getConnection(postgresUrl, postgresUser, postgresPassword);
            postgres.setAutoCommit(true);
        }
        Map<String, Long> counters = new TreeMap<>();
        try (Statement statement = postgres.createStatement(); ResultSet rows = statement.executeQuery(DATABASES)) {
            while (rows.next()) {
                counters.put(POSTGRES_TRANSACTIONS + rows.getString(1), rows.getLong(2));
                counters.put(POSTGRES_ROWS + rows.getString(1), rows.getLong(3));
            }
        }
        return counters;
    }

    @Override
    public void close() {
        closeKafka();
        closePostgres();
    }

    private void closeKafka() {
        closeQuietly(kafka);
        kafka = null;
    }

    private void closePostgres() {
        closeQuietly(postgres);
        postgres = null;
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                // the broker or the server is gone: nothing left to release
            }
        }
    }
}

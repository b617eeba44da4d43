package io.bookstore.executor.support;

import static org.awaitility.Awaitility.await;

import io.bookstore.executor.OrderExecutorApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Replicas of the order executor in this JVM, as separate Spring Boot application contexts that share one
 * ZooKeeper election, one database and one set of topics (fresh for each test). Each test brings the participants
 * (see {@link Participants}) on the same topics.
 */
public final class Replicas implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<Replica> started = new ArrayList<>();
    private final List<ExecutorProcess> processes = new ArrayList<>();
    private final SagaTopics topics;
    private final String groupId;

    public Replicas(String zookeeperConnect, Map<String, String> overrides) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        topics = SagaTopics.named(run);
        groupId = "order-executor-" + run;
        properties.put("server.port", "0");
        properties.put("spring.jmx.enabled", "false");
        properties.put("order-executor.zookeeper.connect", zookeeperConnect);
        properties.put("order-executor.zookeeper.root", "/test/" + run);
        properties.putAll(topics.properties());
        properties.put("order-executor.kafka.group-id", groupId);
        properties.put("order-executor.execution.retry-delay-ms", "50");
        // the replicas share one logging system: tell them apart by their Camel threads, named after the replica
        properties.put("logging.pattern.console",
                "%d{HH:mm:ss.SSS} %5p [%thread] [order=%X{orderId:-} vc=%X{vc:-}] %logger{30} : %m%n");
        properties.putAll(overrides);
    }

    public OrderTraffic traffic() {
        return new OrderTraffic(topics, groupId);
    }

    /** Stock and payment doubles on this run's command topics. */
    public Participants participants() {
        return topics.participants();
    }


    public Replica start(String instanceId) {
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--bookstore.instance-id=" + instanceId);
        args.add("--camel.main.name=" + instanceId);
        Replica replica = new Replica(instanceId,
                new SpringApplicationBuilder(OrderExecutorApplication.class).run(args.toArray(String[]::new)));
        started.add(replica);
        return replica;
    }

    /** A replica in a JVM of its own, which a test can kill like a crash. */
    public ExecutorProcess startProcess(String instanceId) {
        ExecutorProcess process = ExecutorProcess.start(instanceId, properties);
        processes.add(process);
        return process;
    }

    /** The one running replica that leads, once exactly one does. */
    public Replica awaitLeader() {
        return await().atMost(PATIENCE).until(this::soleLeader, leader -> leader != null);
    }

    private Replica soleLeader() {
        List<Replica> leaders = started.stream().filter(Replica::running)
                .filter(replica -> replica.leadership().leads()).toList();
        return leaders.size() == 1 ? leaders.get(0) : null;
    }

    @Override
    public void close() {
        processes.forEach(ExecutorProcess::close);
        started.forEach(Replica::close);
    }
}

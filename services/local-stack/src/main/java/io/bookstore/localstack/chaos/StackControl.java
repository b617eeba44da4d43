package io.bookstore.localstack.chaos;

import io.bookstore.localstack.command.PartCommand;
import io.bookstore.localstack.health.LeaderProbe;
import io.bookstore.localstack.health.ZooKeeperProbe;
import io.bookstore.localstack.stack.Part;
import io.bookstore.localstack.stack.PartKind;
import io.bookstore.localstack.stack.StackDefinition;
import java.io.PrintStream;
import java.util.List;

/** The running stack's parts as chaos sees them: who leads, and kill, stop and start by name. */
final class StackControl {

    static final List<String> EXECUTORS = List.of("order-executor-1", "order-executor-2", "order-executor-3");

    private final StackDefinition stack;
    private final PartCommand parts;

    StackControl(StackDefinition stack, PartCommand parts) {
        this.stack = stack;
        this.parts = parts;
    }

    void kill(List<String> names) {
        parts.kill(names);
    }

    void stop(List<String> names) {
        parts.stop(names);
    }

    /** Starts the parts in the given order, each until healthy; a part that does not come back ends the run. */
    void start(List<String> names) throws InterruptedException {
        if (parts.start(names) != 0) {
            throw new IllegalStateException("could not restart " + names);
        }
    }

    /** The executor that answers GET /leader with leader=true; the first one if none does right now. */
    String leaderExecutor() {
        return EXECUTORS.stream().filter(name -> LeaderProbe.role(httpPort(name)).startsWith("leader"))
                .findFirst().orElse(EXECUTORS.get(0));
    }

    String followerExecutor() {
        String leader = leaderExecutor();
        return EXECUTORS.stream().filter(name -> !name.equals(leader)).findFirst().orElseThrow();
    }

    /** The ZooKeeper nodes, the ensemble's leader first. */
    List<String> zookeeperLeaderFirst() {
        List<Part> nodes = stack.infrastructure().stream().filter(part -> part.kind() == PartKind.ZOOKEEPER).toList();
        return nodes.stream()
                .sorted((a, b) -> Boolean.compare(isZooKeeperLeader(b), isZooKeeperLeader(a)))
                .map(Part::name).toList();
    }

    private boolean isZooKeeperLeader(Part node) {
        try (ZooKeeperProbe probe = new ZooKeeperProbe("127.0.0.1", node.ports().get(0).port())) {
            return probe.check().detail().equals("leader");
        }
    }

    private int httpPort(String name) {
        return stack.services().stream().filter(part -> part.name().equals(name)).findFirst().orElseThrow()
                .ports().get(0).port();
    }

    static void log(PrintStream out, String line) {
        out.printf("  [%tT] %s%n", System.currentTimeMillis(), line);
    }
}

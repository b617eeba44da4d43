package io.bookstore.localstack.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One fault of the run: what it breaks (inject answers the parts to bring back, in start order) and how long it
 * stays broken before they are started again.
 */
record Fault(String name, Duration window, Injection injection) {

    interface Injection {
        /** Breaks something; answers the parts that must be started again to heal it, in start order. */
        List<String> inject(StackControl stack);
    }

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration NO_QUORUM_WINDOW = Duration.ofSeconds(15);

    /** One fault at a time, then all of them together. */
    static List<Fault> all() {
        return List.of(
                new Fault("kill -9 leader executor", WINDOW, stack -> kill(stack, stack.leaderExecutor())),
                new Fault("kill -9 follower executor", WINDOW, stack -> kill(stack, stack.followerExecutor())),
                new Fault("kill -9 stock", WINDOW, stack -> kill(stack, "stock")),
                new Fault("kill -9 payment", WINDOW, stack -> kill(stack, "payment")),
                new Fault("kill -9 orchestrator", WINDOW, stack -> kill(stack, "orchestrator")),
                new Fault("Kafka broker kill -9, restart", WINDOW, stack -> kill(stack, "kafka")),
                new Fault("PostgreSQL restart", WINDOW, stack -> {
                    stack.stop(List.of("postgres"));
                    return List.of("postgres");
                }),
                new Fault("1 of 3 ZooKeeper nodes down (its leader)", WINDOW,
                        stack -> kill(stack, stack.zookeeperLeaderFirst().get(0))),
                new Fault("2 of 3 ZooKeeper nodes down (no quorum)", NO_QUORUM_WINDOW, stack -> {
                    List<String> two = stack.zookeeperLeaderFirst().subList(0, 2);
                    stack.kill(two);
                    return two;
                }),
                new Fault("all together", NO_QUORUM_WINDOW, Fault::everything));
    }

    private static List<String> kill(StackControl stack, String part) {
        stack.kill(List.of(part));
        return List.of(part);
    }

    /** Every fault above at once (one ZooKeeper node: the ensemble keeps its quorum), healed from the bottom up. */
    private static List<String> everything(StackControl stack) {
        String leader = stack.leaderExecutor();
        String follower = stack.followerExecutor();
        String zookeeper = stack.zookeeperLeaderFirst().get(0);
        stack.kill(List.of(leader, follower, "stock", "payment", "orchestrator", "kafka", zookeeper));
        stack.stop(List.of("postgres"));
        List<String> restart = new ArrayList<>(List.of("postgres", zookeeper, "kafka", "stock", "payment"));
        restart.addAll(List.of(leader, follower, "orchestrator"));
        return restart;
    }
}

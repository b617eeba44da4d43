package io.bookstore.executor.leadership;

import org.apache.camel.component.zookeepermaster.policy.MasterRoutePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper master route policy, with a leadership term around the consumer it starts and stops: the term's
 * epoch is recorded before the consumer starts, and the term ends when the consumer stops.
 */
class LeaderRoutePolicy extends MasterRoutePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderRoutePolicy.class);

    private final Leadership leadership;
    private volatile Runnable stopConsumer = () -> { };

    LeaderRoutePolicy(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    protected Runnable onLockOwned() {
        Runnable startConsumer = super.onLockOwned();
        return () -> leadership.elected(this::isMaster, startConsumer);
    }

    @Override
    protected Runnable onDisconnected() {
        Runnable stop = super.onDisconnected();
        stopConsumer = stop;
        return () -> leadership.relinquished(stop);
    }

    /** Stops consuming without waiting for ZooKeeper to say so: the database has refused this term. */
    void stepDown() {
        leadership.relinquished(stopConsumer);
    }

    /** Leaves the election and joins it again at the back of the line, so that ZooKeeper picks the leader afresh. */
    void rejoin() {
        try {
            stop();
            start();
            LOG.info("rejoined the leader election");
        } catch (RuntimeException e) {
            LOG.error("could not rejoin the leader election: {}", e.getMessage(), e);
        }
    }
}

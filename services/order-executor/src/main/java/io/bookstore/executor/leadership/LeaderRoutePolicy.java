package io.bookstore.executor.leadership;

import java.util.Collections;
import java.util.List;
import org.apache.camel.component.zookeepermaster.policy.MasterRoutePolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
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
        return () -> leadership.elected(startConsumer);
    }

    @Override
    protected Runnable onDisconnected() {
        Runnable stop = super.onDisconnected();
        stopConsumer = stop;
        return () -> leadership.relinquished(stop);
    }

    /**
     * Asks ZooKeeper itself whether the first member of the election belongs to this replica's current session.
     * The group's own view can be stale: after a session expired and the client reconnected at once, it may still
     * count the previous session's member node, which ZooKeeper is about to delete, as ours.
     */
    boolean firstInLineWithCurrentSession() {
        try {
            CuratorFramework curator = getCurator();
            String group = getCamelClusterPath(getGroupName());
            List<String> members = curator.getChildren().forPath(group);
            if (members.isEmpty()) {
                return false;
            }
            Stat first = curator.checkExists().forPath(group + "/" + Collections.min(members));
            return first != null
                    && first.getEphemeralOwner() == curator.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            LOG.warn("could not confirm the leadership with ZooKeeper: {}", e.getMessage());
            return false;
        }
    }

    /** Stops consuming without waiting for ZooKeeper to say so: the database has refused this term. */
    void stepDown() {
        leadership.relinquished(stopConsumer);
    }

    /** Leaves the election and joins it again at the back of the line, so that ZooKeeper picks the leader afresh. */
    void rejoin() {
        if (!getCamelContext().isStarted() || getCamelContext().isStopping()) {
            return;
        }
        try {
            stop();
            start();
            LOG.info("rejoined the leader election");
        } catch (RuntimeException e) {
            LOG.error("could not rejoin the leader election: {}", e.getMessage(), e);
        }
    }
}

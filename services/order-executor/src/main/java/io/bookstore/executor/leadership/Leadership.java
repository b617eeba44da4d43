package io.bookstore.executor.leadership;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RoutePolicy;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * This replica's place in the ZooKeeper leader election. ZooKeeper decides who leads; each leadership term records a
 * new epoch in PostgreSQL before its consumer starts, and every execution write checks that epoch is still the
 * highest. A term ends when ZooKeeper disconnects us, or when the database refuses our epoch (another replica was
 * elected while we were paused or cut off): then we stop consuming and join the election again at the back.
 */
@Component
public class Leadership implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final String instanceId;
    private final LeaderEpochs epochs;
    private final Duration rejoinDelay;
    private final LeaderRoutePolicy policy;
    private final ObjectProvider<LeadershipListener> listeners;
    private final ScheduledExecutorService rejoins = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "leader-rejoin");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean rejoinPending = new AtomicBoolean();
    private final Counter elections;
    private final Counter relinquishments;
    private final Counter fencings;

    private volatile Long epoch;
    private volatile Instant since;

    public Leadership(@Value("${bookstore.instance-id}") String instanceId,
                      @Value("${order-executor.zookeeper.root}") String zookeeperRoot,
                      @Value("${order-executor.zookeeper.group}") String group,
                      @Value("${order-executor.leadership.rejoin-delay}") Duration rejoinDelay,
                      LeaderEpochs epochs, CuratorFramework curator, CamelContext camelContext,
                      MeterRegistry meters, ObjectProvider<LeadershipListener> listeners) {
        this.instanceId = instanceId;
        this.listeners = listeners;
        this.epochs = epochs;
        this.rejoinDelay = rejoinDelay;
        this.policy = new LeaderRoutePolicy(this);
        policy.setCamelContext(camelContext);
        policy.setCurator(curator);
        policy.setZkRoot(zookeeperRoot);
        policy.setGroupName(group);
        // ZooKeeper's member list shows which replica is which; instance ids are unique by deployment
        policy.setContainerIdFactory(() -> instanceId);

        Gauge.builder("executor.leader", this, leadership -> leadership.epoch == null ? 0 : 1)
                .description("1 while this replica leads").register(meters);
        Gauge.builder("executor.leader.epoch", this, leadership -> leadership.epoch == null ? 0 : leadership.epoch)
                .description("the epoch of this replica's leadership term, 0 when it does not lead").register(meters);
        elections = change(meters, "elected");
        relinquishments = change(meters, "relinquished");
        fencings = change(meters, "fenced");
    }

    private static Counter change(MeterRegistry meters, String change) {
        return Counter.builder("executor.leadership.changes").tag("change", change)
                .description("leadership terms begun (elected), ended by ZooKeeper (relinquished) or refused by the"
                        + " database fence (fenced)")
                .register(meters);
    }

    /** The policy to put on the route that only the leader may run. */
    public RoutePolicy routePolicy() {
        return policy;
    }

    /** The epoch of the current term, or empty when this replica does not lead. */
    public OptionalLong epoch() {
        Long current = epoch;
        return current == null ? OptionalLong.empty() : OptionalLong.of(current);
    }

    public boolean leads() {
        return epoch != null;
    }

    /** Whether this replica still leads in the given term. */
    public boolean leadsIn(long term) {
        Long current = epoch;
        return current != null && current == term;
    }

    /** The epoch of the current term; throws NotLeaderException when this replica does not lead. */
    public long currentEpoch() {
        Long current = epoch;
        if (current == null) {
            throw new NotLeaderException();
        }
        return current;
    }

    public LeaderStatus status() {
        Long current = epoch;
        Instant leaderSince = since;
        return new LeaderStatus(instanceId, current != null, current,
                current == null || leaderSince == null ? null : leaderSince.toString(), policy.isConnected());
    }

    synchronized void elected(Runnable startConsumer) {
        if (epoch != null || !policy.isMaster()) {
            return;
        }
        if (!policy.firstInLineWithCurrentSession()) {
            LOG.warn("ZooKeeper does not confirm that this replica's current session holds first place (it holds it"
                    + " through a member node of an expired session): stepping aside and joining the election again");
            rejoinAfter(Duration.ZERO);
            return;
        }
        long claimed;
        try {
            claimed = epochs.claim(instanceId);
        } catch (DataAccessException e) {
            LOG.error("elected by ZooKeeper but could not record a new epoch ({}); leaving the election so that"
                    + " another replica can lead", e.getMessage());
            rejoinLater();
            return;
        }
        epoch = claimed;
        since = Instant.now();
        elections.increment();
        LOG.info("elected leader with epoch {}: consuming approved orders", claimed);
        listeners.orderedStream().forEach(listener -> listener.elected(claimed));
        startConsumer.run();
    }

    synchronized void relinquished(Runnable stopConsumer) {
        Long ended = epoch;
        epoch = null;
        since = null;
        stopConsumer.run();
        if (ended != null) {
            relinquishments.increment();
            LOG.warn("no longer the leader (epoch {} ended): stopped consuming approved orders", ended);
            listeners.orderedStream().forEach(listener -> listener.relinquished(ended));
        }
    }

    /**
     * The database refused a write of the given epoch because a later one exists: stop consuming at once (whatever
     * this term still holds is left uncommitted for the new leader), and join the election again.
     */
    public synchronized void fenced(long staleEpoch, long currentEpoch) {
        Long current = epoch;
        if (current == null || current != staleEpoch) {
            return;
        }
        LOG.error("FENCED: epoch {} is stale, epoch {} leads now; stopping consumption and rejoining the election",
                staleEpoch, currentEpoch);
        fencings.increment();
        policy.stepDown();
        rejoinLater();
    }

    private void rejoinLater() {
        rejoinAfter(rejoinDelay);
    }

    /** Schedules one rejoin: the events that ask for it come in bursts, and each rejoin goes to the back again. */
    private void rejoinAfter(Duration delay) {
        if (rejoinPending.compareAndSet(false, true)) {
            rejoins.schedule(() -> {
                rejoinPending.set(false);
                policy.rejoin();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        rejoins.shutdownNow();
    }
}

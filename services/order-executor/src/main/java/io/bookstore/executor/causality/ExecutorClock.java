package io.bookstore.executor.causality;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ticks this replica's entry in an order's vector clock. Every order has its own clock: it arrives with the approved
 * order, every saga event of the order ticks it, and every participant's reply is merged into it.
 */
@Component
public class ExecutorClock {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClock.class);

    private final String instanceId;

    public ExecutorClock(@Value("${bookstore.instance-id}") String instanceId) {
        this.instanceId = instanceId;
    }

    /** The clock of a received message, ticked for its reception; an invalid clock counts as empty. */
    public VectorClock receive(io.bookstore.contracts.causality.VectorClock received) {
        return merge(VectorClock.empty(), received);
    }

    /** Our clock merged with a received one, ticked for the reception. */
    public VectorClock merge(VectorClock ours, io.bookstore.contracts.causality.VectorClock received) {
        VectorClock theirs;
        try {
            theirs = VectorClocks.fromProto(received);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring an invalid vector clock {}: {}", received.getEntriesMap(), e.getMessage());
            theirs = VectorClock.empty();
        }
        return ours.merge(theirs).tick(instanceId);
    }

    public VectorClock tick(VectorClock clock) {
        return clock.tick(instanceId);
    }
}

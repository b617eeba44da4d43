package io.bookstore.executor.causality;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** This replica's vector clock: receiving an order merges the sender's clock, and every event ticks our entry. */
@Component
public class ExecutorClock {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClock.class);

    private final String instanceId;
    private final AtomicReference<VectorClock> current = new AtomicReference<>(VectorClock.empty());

    public ExecutorClock(@Value("${bookstore.instance-id}") String instanceId) {
        this.instanceId = instanceId;
    }

    public VectorClock receive(io.bookstore.contracts.causality.VectorClock received) {
        VectorClock theirs;
        try {
            theirs = VectorClocks.fromProto(received);
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring an invalid vector clock {}: {}", received.getEntriesMap(), e.getMessage());
            theirs = VectorClock.empty();
        }
        VectorClock merged = theirs;
        return current.updateAndGet(ours -> ours.merge(merged).tick(instanceId));
    }

    public VectorClock tick() {
        return current.updateAndGet(ours -> ours.tick(instanceId));
    }
}

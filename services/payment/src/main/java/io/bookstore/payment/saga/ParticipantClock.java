package io.bookstore.payment.saga;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** This instance's vector clock: every command received merges the sender's clock and ticks our entry. */
@Component
public class ParticipantClock {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantClock.class);

    private final String instanceId;
    private final AtomicReference<VectorClock> current = new AtomicReference<>(VectorClock.empty());

    public ParticipantClock(@Value("${bookstore.instance-id}") String instanceId) {
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
}

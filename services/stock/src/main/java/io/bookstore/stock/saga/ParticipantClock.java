package io.bookstore.stock.saga;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The order's vector clock as this participant sees it: the command's clock with our entry ticked. Each order has
 * its own clock: a command carries everything that happened to its order, our earlier replies included, so nothing
 * needs keeping here, and no other order's events leak into this one's history.
 */
@Component
public class ParticipantClock {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantClock.class);

    private final String instanceId;

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
        return theirs.tick(instanceId);
    }
}

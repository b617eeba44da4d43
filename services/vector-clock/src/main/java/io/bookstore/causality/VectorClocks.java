package io.bookstore.causality;

import io.bookstore.contracts.causality.VectorClock.Builder;

/** Converts between the clock and its protobuf contract, the form gRPC calls carry. */
public final class VectorClocks {

    private VectorClocks() {
    }

    public static io.bookstore.contracts.causality.VectorClock toProto(VectorClock clock) {
        Builder builder = io.bookstore.contracts.causality.VectorClock.newBuilder();
        builder.putAllEntries(clock.entries());
        return builder.build();
    }

    public static VectorClock fromProto(io.bookstore.contracts.causality.VectorClock proto) {
        return VectorClock.of(proto.getEntriesMap());
    }
}

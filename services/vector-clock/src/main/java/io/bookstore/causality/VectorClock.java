package io.bookstore.causality;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable vector clock: one counter per service instance. Missing entries count as zero.
 * Its text form, {@code fraud-detection=2,orchestrator=3}, is what travels in Kafka and HTTP headers.
 */
public final class VectorClock {

    public static final String HEADER = "X-Vector-Clock";

    private static final VectorClock EMPTY = new VectorClock(new TreeMap<>());

    private final TreeMap<String, Long> entries;

    private VectorClock(TreeMap<String, Long> entries) {
        this.entries = entries;
    }

    public static VectorClock empty() {
        return EMPTY;
    }

    public static VectorClock of(Map<String, Long> entries) {
        TreeMap<String, Long> copy = new TreeMap<>();
        entries.forEach((node, counter) -> {
            if (node == null || node.isBlank() || counter == null || counter < 0) {
                throw new IllegalArgumentException("invalid vector clock entry " + node + "=" + counter);
            }
            if (counter > 0) {
                copy.put(node, counter);
            }
        });
        return new VectorClock(copy);
    }

    /** Parses the header form; a blank or absent header is the empty clock. */
    public static VectorClock parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        TreeMap<String, Long> parsed = new TreeMap<>();
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid vector clock entry '" + entry + "'");
            }
            try {
                parsed.put(entry.substring(0, eq).trim(), Long.parseLong(entry.substring(eq + 1).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid vector clock counter in '" + entry + "'", e);
            }
        }
        return of(parsed);
    }

    public long get(String node) {
        return entries.getOrDefault(node, 0L);
    }

    public Map<String, Long> entries() {
        return Collections.unmodifiableMap(entries);
    }

    public VectorClock tick(String node) {
        TreeMap<String, Long> next = new TreeMap<>(entries);
        next.merge(node, 1L, Long::sum);
        return new VectorClock(next);
    }

    /** The entry-wise maximum: what a receiver knows after it has seen both histories. */
    public VectorClock merge(VectorClock other) {
        TreeMap<String, Long> next = new TreeMap<>(entries);
        other.entries.forEach((node, counter) -> next.merge(node, counter, Math::max));
        return new VectorClock(next);
    }

    /** Every entry of this clock is at least the other's. */
    public boolean dominates(VectorClock other) {
        return other.entries.entrySet().stream().allMatch(e -> get(e.getKey()) >= e.getValue());
    }

    /** This clock's history is a strict prefix of the other's: it happened before. */
    public boolean happenedBefore(VectorClock other) {
        return other.dominates(this) && !this.equals(other);
    }

    public boolean concurrentWith(VectorClock other) {
        return !dominates(other) && !other.dominates(this);
    }

    /** Some entry of this clock is ahead of the other: this side saw events the other did not. */
    public boolean isAheadOf(VectorClock other) {
        return !other.dominates(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VectorClock other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}

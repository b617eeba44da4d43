package io.bookstore.executor.intake;

import io.bookstore.contracts.order.CardTier;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns an order's card tier and arrival into the resequencer's key: the tier's rank first, then arrival, earlier
 * first. The resequencer runs each batch highest key first (reverse), so the key is
 * {@code rank * 10^12 + (10^12 - 1 - arrival)}: every key is distinct, and equal tiers keep their arrival order.
 */
@Component
public class TierPriority {

    private static final long ARRIVALS_PER_RANK = 1_000_000_000_000L;
    private static final int MAX_RANK = 1_000;

    private final Map<String, Integer> ranks;
    private final Map<String, String> names;
    private final String defaultTier;

    public TierPriority(PriorityProperties properties) {
        if (properties.tierRanks() == null || properties.tierRanks().isEmpty()) {
            throw new IllegalArgumentException("order-executor.priority.tier-ranks is empty");
        }
        ranks = new TreeMap<>();
        names = new TreeMap<>();
        properties.tierRanks().forEach((tier, rank) -> {
            if (rank == null || rank < 0 || rank > MAX_RANK) {
                throw new IllegalArgumentException(
                        "the rank of tier " + tier + " must be 0.." + MAX_RANK + ": " + rank);
            }
            ranks.put(normalized(tier), rank);
            names.put(normalized(tier), tier);
        });
        String configuredDefault = properties.defaultTier() == null ? "" : normalized(properties.defaultTier());
        if (!ranks.containsKey(configuredDefault)) {
            throw new IllegalArgumentException("order-executor.priority.default-tier " + properties.defaultTier()
                    + " is not one of " + names.values());
        }
        defaultTier = names.get(configuredDefault);
    }

    /** The tier as configured: the record's tier header, else the tier inside the order, else the default tier. */
    public String tierOf(String header, CardTier fromOrder) {
        if (header != null && ranks.containsKey(normalized(header))) {
            return names.get(normalized(header));
        }
        String contractName = switch (fromOrder) {
            case CARD_TIER_PREMIUM -> "premium";
            case CARD_TIER_BASIC -> "basic";
            default -> "none";
        };
        return names.getOrDefault(contractName, defaultTier);
    }

    public int rank(String tier) {
        return ranks.getOrDefault(normalized(tier), ranks.get(normalized(defaultTier)));
    }

    public long key(String tier, long arrival) {
        return rank(tier) * ARRIVALS_PER_RANK + (ARRIVALS_PER_RANK - 1 - Math.floorMod(arrival, ARRIVALS_PER_RANK));
    }

    @Override
    public String toString() {
        return names.keySet().stream().map(tier -> names.get(tier) + "=" + ranks.get(tier))
                .collect(Collectors.joining(", "));
    }

    private static String normalized(String tier) {
        return tier.trim().toLowerCase(Locale.ROOT);
    }
}

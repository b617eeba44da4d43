package io.bookstore.executor.intake;

import io.bookstore.contracts.order.CardTier;
import org.springframework.stereotype.Component;

/**
 * Turns an order's card tier and arrival into the resequencer's key. The rank of each tier is the operator route
 * direct:tier-rank's (routes/order-executor/tier-rank.yaml), so a new tier needs no rebuild. The key is the rank
 * first, then arrival, earlier first: the resequencer runs each batch highest key first (reverse), so the key is
 * {@code rank * 10^12 + (10^12 - 1 - arrival)}: every key is distinct, and equal tiers keep their arrival order.
 */
@Component
public class TierPriority {

    public static final int MAX_RANK = 1_000;

    private static final long ARRIVALS_PER_RANK = 1_000_000_000_000L;

    /** The record's tier header as sent, else the tier inside the order. */
    public String tierOf(String header, CardTier fromOrder) {
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        return switch (fromOrder) {
            case CARD_TIER_PREMIUM -> "Premium";
            case CARD_TIER_BASIC -> "Basic";
            default -> "None";
        };
    }

    /** Whether the operator route answered a rank the key can hold. */
    public boolean isRank(Integer rank) {
        return rank != null && rank >= 0 && rank <= MAX_RANK;
    }

    public long key(int rank, long arrival) {
        if (!isRank(rank)) {
            throw new IllegalArgumentException("a tier rank must be 0.." + MAX_RANK + ": " + rank);
        }
        return rank * ARRIVALS_PER_RANK + (ARRIVALS_PER_RANK - 1 - Math.floorMod(arrival, ARRIVALS_PER_RANK));
    }
}

package io.bookstore.suggestions.history;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.PricedLine;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What paid orders say about books: which were bought together, and how many copies of each were paid for.
 * Rebuilt from the orders.outcomes log at every start; an order published twice is learned once.
 */
@Component
public class PurchaseHistory {

    private static final Logger LOG = LoggerFactory.getLogger(PurchaseHistory.class);

    private final Pattern ignoredItemIds;
    private final Set<String> learnedOrders = new HashSet<>();
    private final Map<String, Map<String, Long>> boughtTogether = new HashMap<>();
    private final Map<String, Long> paidCopies = new HashMap<>();

    public PurchaseHistory(PurchaseHistoryProperties properties) {
        this.ignoredItemIds = Pattern.compile(properties.ignoredItemIds());
    }

    /** The Kafka record's value: the protobuf bytes of an OrderOutcome. Unreadable records are skipped. */
    public void learnRecord(byte[] outcome) {
        try {
            learn(OrderOutcome.parseFrom(outcome));
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("skipped an order outcome that is not an OrderOutcome message: {}", e.getMessage());
        }
    }

    public synchronized void learn(OrderOutcome outcome) {
        if (outcome.getStatus() != OrderOutcome.Status.PAID) {
            return;
        }
        List<PricedLine> books = outcome.getLinesList().stream()
                .filter(line -> !line.getItemId().isBlank() && !ignoredItemIds.matcher(line.getItemId()).matches())
                .toList();
        if (books.isEmpty() || !learnedOrders.add(outcome.getOrderId())) {
            return;
        }
        for (PricedLine line : books) {
            paidCopies.merge(line.getItemId(), (long) Math.max(line.getQuantity(), 0), Long::sum);
            for (PricedLine other : books) {
                if (!other.getItemId().equals(line.getItemId())) {
                    boughtTogether.computeIfAbsent(line.getItemId(), id -> new HashMap<>())
                            .merge(other.getItemId(), 1L, Long::sum);
                }
            }
        }
    }

    /** For every book bought together with any of these: in how many paid orders that happened. */
    public synchronized Map<String, Long> boughtWith(Collection<String> bookIds) {
        Map<String, Long> together = new HashMap<>();
        for (String bookId : bookIds) {
            boughtTogether.getOrDefault(bookId, Map.of()).forEach((other, orders) -> together.merge(other, orders, Long::sum));
        }
        return together;
    }

    /** Copies paid for, per book. */
    public synchronized Map<String, Long> paidCopies() {
        return Map.copyOf(paidCopies);
    }
}

package io.bookstore.transactionverification.verification;

import io.bookstore.causality.OrderUnderCheck;
import io.bookstore.catalog.Catalog;
import io.bookstore.catalog.CatalogBooks;
import io.bookstore.contracts.order.OrderLine;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Event a: the order has items, every quantity is sane, and every book is in the stock service's catalog. */
@Component
public class ItemsCheck {

    private final Catalog catalog;
    private final int maxQuantity;

    public ItemsCheck(Catalog catalog, VerificationProperties properties) {
        this.catalog = catalog;
        this.maxQuantity = properties.maxQuantity();
    }

    public void check(OrderUnderCheck order) {
        order.perform("a: items checked", () -> rejection(order.order().getLinesList()));
    }

    private Optional<String> rejection(List<OrderLine> lines) {
        if (lines.isEmpty()) {
            return Optional.of("no items");
        }
        for (OrderLine line : lines) {
            if (line.getBookId().isBlank() && line.getTitle().isBlank()) {
                return Optional.of("item without a title");
            }
            if (line.getQuantity() < 1) {
                return Optional.of("invalid quantity for " + label(line));
            }
            if (line.getQuantity() > maxQuantity) {
                return Optional.of("too many copies of " + label(line) + " (at most " + maxQuantity + ")");
            }
        }
        CatalogBooks books = catalog.books();
        return lines.stream()
                .filter(line -> line.getBookId().isBlank()
                        ? books.byTitle(line.getTitle()).isEmpty()
                        : books.byId(line.getBookId()).isEmpty())
                .findFirst()
                .map(line -> "unknown book: " + label(line));
    }

    private static String label(OrderLine line) {
        return line.getTitle().isBlank() ? line.getBookId() : line.getTitle();
    }
}

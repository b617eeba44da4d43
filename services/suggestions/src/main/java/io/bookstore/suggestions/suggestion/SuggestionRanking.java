package io.bookstore.suggestions.suggestion;

import io.bookstore.catalog.Book;
import io.bookstore.catalog.CatalogBooks;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.suggestions.history.PurchaseHistory;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Which books to suggest for an order, never one of the ordered ones: first the books bought together with them in
 * past paid orders (most often first), then books by the same author or in the same category, then the best sellers
 * by paid copies, then the rest in catalog order. Ties keep the catalog's order.
 */
public final class SuggestionRanking {

    private final int maxBooks;
    private final boolean inStockOnly;

    public SuggestionRanking(int maxBooks, boolean inStockOnly) {
        this.maxBooks = maxBooks;
        this.inStockOnly = inStockOnly;
    }

    public List<Book> rank(List<OrderLine> lines, CatalogBooks catalog, PurchaseHistory history) {
        List<Book> ordered = lines.stream().map(line -> find(line, catalog)).flatMap(Optional::stream).toList();
        Set<String> orderedIds = new HashSet<>();
        Set<String> orderedTitles = new HashSet<>();
        Set<String> authors = new HashSet<>();
        Set<String> categories = new HashSet<>();
        for (OrderLine line : lines) {
            orderedIds.add(line.getBookId());
            orderedTitles.add(CatalogBooks.titleKey(line.getTitle()));
            categories.add(key(line.getCategory()));
        }
        for (Book book : ordered) {
            orderedIds.add(book.id());
            authors.add(key(book.author()));
            categories.add(key(book.category()));
        }
        authors.remove("");
        categories.remove("");
        Predicate<Book> suggestible = book -> !orderedIds.contains(book.id())
                && (book.title() == null || !orderedTitles.contains(CatalogBooks.titleKey(book.title())))
                && (!inStockOnly || book.inStock());

        Map<String, Long> together = history.boughtWith(orderedIds);
        Map<String, Long> paid = history.paidCopies();
        Stream<Book> boughtTogether = mostFirst(catalog.all(), together);
        Stream<Book> related = catalog.all().stream()
                .filter(book -> authors.contains(key(book.author())) || categories.contains(key(book.category())));
        Stream<Book> bestSellers = mostFirst(catalog.all(), paid);

        Iterator<Book> candidates = Stream.of(boughtTogether, related, bestSellers, catalog.all().stream())
                .flatMap(tier -> tier)
                .filter(suggestible)
                .iterator();
        LinkedHashMap<String, Book> chosen = new LinkedHashMap<>();
        while (chosen.size() < maxBooks && candidates.hasNext()) {
            Book book = candidates.next();
            chosen.putIfAbsent(book.id(), book);
        }
        return List.copyOf(chosen.values());
    }

    private static Stream<Book> mostFirst(List<Book> catalog, Map<String, Long> counts) {
        return catalog.stream()
                .filter(book -> counts.containsKey(book.id()))
                .sorted(Comparator.comparing((Book book) -> counts.get(book.id())).reversed());
    }

    private static Optional<Book> find(OrderLine line, CatalogBooks catalog) {
        return line.getBookId().isBlank() ? catalog.byTitle(line.getTitle()) : catalog.byId(line.getBookId());
    }

    private static String key(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}

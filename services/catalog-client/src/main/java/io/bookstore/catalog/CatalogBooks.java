package io.bookstore.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One snapshot of the catalog, in the stock service's order, looked up by id or by title (case and spacing ignored). */
public final class CatalogBooks {

    private final List<Book> books;
    private final Map<String, Book> byId = new LinkedHashMap<>();
    private final Map<String, Book> byTitle = new LinkedHashMap<>();

    public CatalogBooks(List<Book> books) {
        this.books = List.copyOf(books);
        for (Book book : this.books) {
            byId.putIfAbsent(book.id(), book);
            if (book.title() != null) {
                byTitle.putIfAbsent(titleKey(book.title()), book);
            }
        }
    }

    public static String titleKey(String title) {
        return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    public Optional<Book> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Book> byTitle(String title) {
        return Optional.ofNullable(byTitle.get(titleKey(title)));
    }

    public List<Book> all() {
        return Collections.unmodifiableList(books);
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }
}

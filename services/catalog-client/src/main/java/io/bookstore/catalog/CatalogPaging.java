package io.bookstore.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the pages of one catalog read. The last page is the first one that is short, empty or adds no new book
 * (a server that ignores the paging parameters returns the same books again).
 */
public final class CatalogPaging {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogPaging.class);

    private final int pageSize;
    private final int maxPages;
    private final List<Book> books = new ArrayList<>();
    private int nextPage;
    private int pagesRead;
    private boolean complete;

    public CatalogPaging(CatalogProperties properties) {
        this.pageSize = properties.pageSize();
        this.maxPages = properties.maxPages();
        this.nextPage = properties.firstPage();
    }

    public boolean hasMore() {
        return !complete;
    }

    public String nextQuery() {
        return "page=" + nextPage + "&size=" + pageSize;
    }

    public void add(JsonNode page) {
        JsonNode list = bookList(page);
        CatalogBooks known = new CatalogBooks(books);
        int added = 0;
        for (JsonNode node : list) {
            Book book = book(node);
            if (book != null && !known.contains(book.id())) {
                books.add(book);
                added++;
            }
        }
        pagesRead++;
        nextPage++;
        complete = list.size() < pageSize || added == 0;
        if (!complete && pagesRead >= maxPages) {
            LOG.warn("catalog read stopped after {} pages of {} books: raise catalog.max-pages", pagesRead, pageSize);
            complete = true;
        }
    }

    public CatalogBooks books() {
        return new CatalogBooks(books);
    }

    /** The stock service answers {"books": [...], "page", "size", "total"}. */
    private static JsonNode bookList(JsonNode page) {
        JsonNode books = page.path("books");
        if (!books.isArray()) {
            throw new IllegalStateException("the catalog page holds no list of books");
        }
        return books;
    }

    private static Book book(JsonNode node) {
        String id = text(node, "id");
        if (id == null) {
            return null;
        }
        JsonNode stock = node.path("stock");
        return new Book(id, text(node, "title"), text(node, "author"), text(node, "category"),
                node.path("price").asLong(0), stock.isNumber() ? stock.asInt() : null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}

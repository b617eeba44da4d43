package io.bookstore.suggestions.suggestion;

import io.bookstore.catalog.Book;
import io.bookstore.catalog.Catalog;
import io.bookstore.contracts.suggestions.SuggestedBook;
import io.bookstore.suggestions.history.PurchaseHistory;
import org.springframework.stereotype.Component;

/** Event f: book suggestions for the ordered books, from the catalog and the paid-order history. */
@Component
public class BookSuggester {

    private final Catalog catalog;
    private final PurchaseHistory history;
    private final SuggestionRanking ranking;

    public BookSuggester(Catalog catalog, PurchaseHistory history, SuggestionProperties properties) {
        this.catalog = catalog;
        this.history = history;
        this.ranking = new SuggestionRanking(properties.maxBooks(), properties.inStockOnly());
    }

    public void suggest(OrderForSuggestions order) {
        order.perform("f: books suggested", () -> ranking.rank(order.order().getLinesList(), catalog.books(), history)
                .stream()
                .map(BookSuggester::suggested)
                .toList());
    }

    private static SuggestedBook suggested(Book book) {
        SuggestedBook.Builder suggested = SuggestedBook.newBuilder().setBookId(book.id());
        if (book.title() != null) {
            suggested.setTitle(book.title());
        }
        if (book.author() != null) {
            suggested.setAuthor(book.author());
        }
        return suggested.build();
    }
}

package io.bookstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogBooksTest {

    private static final Book DUNE = new Book("9780441013593", "Dune", "Frank Herbert", "Science Fiction", 1299, 3);
    private static final Book RINGS =
            new Book("9780261103573", "The Lord of the Rings", "J. R. R. Tolkien", "Fantasy", 2599, null);
    private static final Book DUNE_AGAIN =
            new Book("9780441172719", "DUNE", "Frank Herbert", "Science Fiction", 999, 0);

    private final CatalogBooks books = new CatalogBooks(List.of(DUNE, RINGS, DUNE_AGAIN));

    @Test
    void findsABookByIdOrByTitleIgnoringCaseAndSpacing() {
        assertThat(books.byId("9780261103573")).contains(RINGS);
        assertThat(books.byTitle("  the lord of   THE rings ")).contains(RINGS);
        assertThat(books.byId("9780000000000")).isEmpty();
        assertThat(books.byTitle("Dune 2")).isEmpty();
    }

    @Test
    void theFirstBookOfATitleWinsAndTheOrderIsTheCatalogs() {
        assertThat(books.byTitle("dune")).contains(DUNE);
        assertThat(books.all()).containsExactly(DUNE, RINGS, DUNE_AGAIN);
    }

    @Test
    void aBookWhoseStockIsUnknownCountsAsInStock() {
        assertThat(DUNE.inStock()).isTrue();
        assertThat(RINGS.inStock()).isTrue();
        assertThat(DUNE_AGAIN.inStock()).isFalse();
    }
}

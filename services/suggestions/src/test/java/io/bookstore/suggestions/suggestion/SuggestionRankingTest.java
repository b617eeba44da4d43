package io.bookstore.suggestions.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.catalog.Book;
import io.bookstore.catalog.CatalogBooks;
import io.bookstore.contracts.order.OrderLine;
import io.bookstore.contracts.orderevents.OrderOutcome;
import io.bookstore.contracts.orderevents.PricedLine;
import io.bookstore.suggestions.history.PurchaseHistory;
import io.bookstore.suggestions.history.PurchaseHistoryProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionRankingTest {

    private static final Book DUNE = book("1001", "Dune", "Frank Herbert", "Science Fiction", 5);
    private static final Book MESSIAH = book("1002", "Dune Messiah", "Frank Herbert", "Science Fiction", 5);
    private static final Book FOUNDATION = book("1003", "Foundation", "Isaac Asimov", "Science Fiction", 5);
    private static final Book HOBBIT = book("1004", "The Hobbit", "J. R. R. Tolkien", "Fantasy", 5);
    private static final Book RINGS = book("1005", "The Lord of the Rings", "J. R. R. Tolkien", "Fantasy", 5);
    private static final Book EMMA = book("1006", "Emma", "Jane Austen", "Classics", 5);
    private static final Book ROAD = book("1007", "The Road", "Cormac McCarthy", "Literary Fiction", 0);
    private static final Book SAPIENS = book("1008", "Sapiens", "Yuval Noah Harari", "History", 5);
    private static final CatalogBooks CATALOG = new CatalogBooks(List.of(DUNE, MESSIAH, FOUNDATION, HOBBIT, RINGS, EMMA, ROAD, SAPIENS));

    private final PurchaseHistory history = new PurchaseHistory(new PurchaseHistoryProperties("[0-9]{1,3}"));
    private final SuggestionRanking ranking = new SuggestionRanking(3, true);

    private static Book book(String id, String title, String author, String category, int stock) {
        return new Book(id, title, author, category, 1299, stock);
    }

    private static OrderLine titled(String title) {
        return OrderLine.newBuilder().setTitle(title).setQuantity(1).build();
    }

    private static OrderLine withId(String bookId) {
        return OrderLine.newBuilder().setBookId(bookId).setQuantity(1).build();
    }

    private void paid(String orderId, int quantity, Book... books) {
        OrderOutcome.Builder outcome = OrderOutcome.newBuilder().setOrderId(orderId).setStatus(OrderOutcome.Status.PAID);
        for (Book book : books) {
            outcome.addLines(PricedLine.newBuilder().setItemId(book.id()).setTitle(book.title()).setQuantity(quantity));
        }
        history.learn(outcome.build());
    }

    @Test
    void withoutHistorySuggestsTheSameAuthorOrCategoryThenTheCatalogInOrder() {
        assertThat(ranking.rank(List.of(titled("the hobbit")), CATALOG, history)).containsExactly(RINGS, DUNE, MESSIAH);
        assertThat(ranking.rank(List.of(withId(DUNE.id())), CATALOG, history)).containsExactly(MESSIAH, FOUNDATION, HOBBIT);
    }

    @Test
    void neverSuggestsAnOrderedBookWhetherOrderedByIdOrByTitle() {
        List<Book> suggested = ranking.rank(List.of(withId(DUNE.id()), titled("Dune Messiah"), titled("FOUNDATION")),
                CATALOG, history);

        assertThat(suggested).hasSize(3).doesNotContain(DUNE, MESSIAH, FOUNDATION);
    }

    @Test
    void booksBoughtTogetherComeFirstMostOftenFirst() {
        paid("o-1", 1, EMMA, SAPIENS);
        paid("o-2", 1, EMMA, SAPIENS, RINGS);
        paid("o-3", 1, EMMA, RINGS);
        paid("o-4", 1, EMMA, RINGS);

        assertThat(ranking.rank(List.of(titled("Emma")), CATALOG, history)).containsExactly(RINGS, SAPIENS, DUNE);
    }

    @Test
    void bestSellersByPaidCopiesComeBeforeTheRestOfTheCatalog() {
        paid("o-1", 2, SAPIENS);
        paid("o-2", 7, FOUNDATION);

        assertThat(ranking.rank(List.of(titled("Emma")), CATALOG, history)).containsExactly(FOUNDATION, SAPIENS, DUNE);
    }

    @Test
    void skipsBooksOutOfStock() {
        paid("o-1", 1, EMMA, ROAD);

        assertThat(ranking.rank(List.of(titled("Emma")), CATALOG, history)).doesNotContain(ROAD);
        assertThat(new SuggestionRanking(3, false).rank(List.of(titled("Emma")), CATALOG, history)).startsWith(ROAD);
    }

    @Test
    void suggestsFewerWhenTheCatalogHasNoMore() {
        CatalogBooks small = new CatalogBooks(List.of(DUNE, MESSIAH));

        assertThat(ranking.rank(List.of(titled("Dune")), small, history)).containsExactly(MESSIAH);
    }

    @Test
    void learnsOnlyPaidBookOrdersAndEachOrderOnce() {
        paid("o-1", 1, EMMA, SAPIENS);
        paid("o-1", 1, EMMA, SAPIENS);
        history.learn(OrderOutcome.newBuilder().setOrderId("o-2").setStatus(OrderOutcome.Status.REJECTED)
                .addLines(PricedLine.newBuilder().setItemId(EMMA.id()).setQuantity(1))
                .addLines(PricedLine.newBuilder().setItemId(DUNE.id()).setQuantity(1)).build());
        history.learn(OrderOutcome.newBuilder().setOrderId("o-3").setStatus(OrderOutcome.Status.PAID)
                .addLines(PricedLine.newBuilder().setItemId("17").setQuantity(1))
                .addLines(PricedLine.newBuilder().setItemId(EMMA.id()).setQuantity(1)).build());

        assertThat(history.boughtWith(List.of(EMMA.id()))).containsOnlyKeys(SAPIENS.id()).containsEntry(SAPIENS.id(), 1L);
        assertThat(history.paidCopies()).containsOnlyKeys(EMMA.id(), SAPIENS.id()).containsEntry(EMMA.id(), 2L);
    }
}

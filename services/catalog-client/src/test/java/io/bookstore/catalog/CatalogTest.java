package io.bookstore.catalog;

import static io.bookstore.catalog.CatalogFixture.book;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The auto-configured catalog, reading from the stock service's catalog API over real HTTP. */
@CamelSpringBootTest
@SpringBootTest(classes = CatalogTest.CatalogReader.class,
        properties = {"catalog.ttl=1h", "catalog.page-size=2", "catalog.first-page=0", "catalog.max-pages=10"})
class CatalogTest {

    private static final CatalogFixture STOCK = CatalogFixture.serving(List.of(
            book("9780441013593", "Dune", "Frank Herbert", "Science Fiction"),
            book("9780441172719", "Dune Messiah", "Frank Herbert", "Science Fiction"),
            book("9780261103573", "The Lord of the Rings", "J. R. R. Tolkien", "Fantasy"),
            book("9780553293357", "Foundation", "Isaac Asimov", "Science Fiction"),
            book("9780141439518", "Pride and Prejudice", "Jane Austen", "Classics", 0)));

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CatalogReader {
    }

    @Autowired
    private Catalog catalog;

    @Autowired
    private ProducerTemplate producer;

    @DynamicPropertySource
    static void stock(DynamicPropertyRegistry registry) {
        registry.add("stock.url", STOCK::url);
    }

    @AfterEach
    void stockAnswersAgain() {
        STOCK.failing(false);
    }

    /** A catalog of its own with nothing read yet, refreshed on every call (the configured one keeps its copy). */
    private Catalog refreshedOnEveryCall() {
        return new Catalog(producer, new CatalogProperties(Duration.ZERO, 2, 0, 10));
    }

    @Test
    void readsEveryPageOnceAndKeepsTheCopyForTheTtl() {
        int queriesBefore = STOCK.queries().size();

        CatalogBooks first = catalog.books();
        CatalogBooks second = catalog.books();

        assertThat(first.all()).extracting(Book::id).containsExactly(
                "9780441013593", "9780441172719", "9780261103573", "9780553293357", "9780141439518");
        assertThat(first.byTitle("pride and prejudice")).hasValueSatisfying(book -> {
            assertThat(book.price()).isEqualTo(1299);
            assertThat(book.inStock()).isFalse();
        });
        assertThat(second).isSameAs(first);
        assertThat(STOCK.queries().subList(queriesBefore, STOCK.queries().size()))
                .containsExactly("page=0&size=2", "page=1&size=2", "page=2&size=2");
    }

    @Test
    void aFailedRefreshServesThePreviousCopy() {
        Catalog refreshing = refreshedOnEveryCall();
        CatalogBooks read = refreshing.books();
        STOCK.failing(true);

        assertThat(refreshing.books()).isSameAs(read);
    }

    @Test
    void aFailedFirstReadFails() {
        Catalog refreshing = refreshedOnEveryCall();
        STOCK.failing(true);

        assertThatThrownBy(refreshing::books).isInstanceOf(RuntimeException.class);
    }
}

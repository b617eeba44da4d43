package io.bookstore.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogPagingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static CatalogPaging paging(int pageSize, int firstPage, int maxPages) {
        return new CatalogPaging(new CatalogProperties(Duration.ofSeconds(30), pageSize, firstPage, maxPages));
    }

    private static JsonNode page(String... ids) throws JsonProcessingException {
        return JSON.readTree(Arrays.stream(ids)
                .map(id -> "{\"id\":\"" + id + "\",\"title\":\"Book " + id + "\",\"price\":1299}")
                .collect(Collectors.joining(",", "{\"books\":[", "],\"page\":0,\"size\":2,\"total\":9}")));
    }

    private static void read(CatalogPaging paging, JsonNode... pages) {
        for (JsonNode page : pages) {
            assertThat(paging.hasMore()).isTrue();
            paging.add(page);
        }
    }

    @Test
    void asksForPagesInTurnUntilAShortPage() throws JsonProcessingException {
        CatalogPaging paging = paging(2, 0, 10);

        assertThat(paging.nextQuery()).isEqualTo("page=0&size=2");
        read(paging, page("1", "2"));
        assertThat(paging.nextQuery()).isEqualTo("page=1&size=2");
        read(paging, page("3"));

        assertThat(paging.hasMore()).isFalse();
        assertThat(paging.books().all()).extracting(Book::id).containsExactly("1", "2", "3");
    }

    @Test
    void startsAtTheFirstPageConfigured() {
        assertThat(paging(100, 1, 10).nextQuery()).isEqualTo("page=1&size=100");
    }

    @Test
    void anEmptyPageEndsTheRead() throws JsonProcessingException {
        CatalogPaging paging = paging(2, 0, 10);
        read(paging, page("1", "2"), page());

        assertThat(paging.hasMore()).isFalse();
        assertThat(paging.books().all()).hasSize(2);
    }

    @Test
    void aPageOfBooksAlreadyReadEndsTheRead() throws JsonProcessingException {
        CatalogPaging paging = paging(2, 0, 10);
        read(paging, page("1", "2"), page("1", "2"));

        assertThat(paging.hasMore()).isFalse();
        assertThat(paging.books().all()).extracting(Book::id).containsExactly("1", "2");
    }

    @Test
    void stopsAfterMaxPages() throws JsonProcessingException {
        CatalogPaging paging = paging(2, 0, 2);
        read(paging, page("1", "2"), page("3", "4"));

        assertThat(paging.hasMore()).isFalse();
        assertThat(paging.books().all()).hasSize(4);
    }

    @Test
    void readsTheFieldsOfABookAndSkipsEntriesWithoutAnId() throws JsonProcessingException {
        CatalogPaging paging = paging(10, 0, 10);
        paging.add(JSON.readTree("""
                {"books":[
                  {"id":"9780441013593","title":"Dune","author":"Frank Herbert","category":"Science Fiction",
                   "price":1299,"stock":0},
                  {"title":"No id"},
                  {"id":"9780553293357","title":"Foundation","author":" ","price":899}
                ]}"""));

        assertThat(paging.books().all()).containsExactly(
                new Book("9780441013593", "Dune", "Frank Herbert", "Science Fiction", 1299, 0),
                new Book("9780553293357", "Foundation", null, null, 899, null));
    }

    @Test
    void aPageWithoutAListOfBooksFails() throws JsonProcessingException {
        CatalogPaging paging = paging(2, 0, 10);
        JsonNode notAPage = JSON.readTree("{\"error\":{\"code\":\"x\",\"message\":\"y\"}}");

        assertThatThrownBy(() -> paging.add(notAPage)).isInstanceOf(IllegalStateException.class);
    }
}

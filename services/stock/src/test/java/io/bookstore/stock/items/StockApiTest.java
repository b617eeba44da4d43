package io.bookstore.stock.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testinfra.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure(database = "stock")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stock.failure-injection.always-out-of-stock=Injected Out Of Stock Title",
        "stock.saga.redelivery-delay-ms=50"})
class StockApiTest {

    private static final Logger LOG = LoggerFactory.getLogger(StockApiTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void createdItemStartsWithNoStockAtItsPrice() {
        String itemId = createItem(450);

        Answer found = get("/stock/find/" + itemId);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.contentType()).startsWith("application/json");
        assertThat(found.body().get("stock").asLong()).isZero();
        assertThat(found.body().get("price").asLong()).isEqualTo(450);
    }

    @Test
    void addAndSubtractAnswerTheNewStockAsJson() {
        String itemId = createItem(100);

        Answer added = post("/stock/add/" + itemId + "/7");
        Answer subtracted = post("/stock/subtract/" + itemId + "/3");

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.contentType()).startsWith("application/json");
        assertThat(added.body().get("stock").asLong()).isEqualTo(7);
        assertThat(subtracted.status()).isEqualTo(200);
        assertThat(subtracted.body().get("stock").asLong()).isEqualTo(4);
        assertThat(subtracted.body().get("item_id").asText()).isEqualTo(itemId);
        assertThat(stockOf(itemId)).isEqualTo(4);
    }

    @Test
    void subtractingBelowZeroIsRefusedAndChangesNothing() {
        String itemId = createItem(100);
        post("/stock/add/" + itemId + "/2");

        Answer refused = post("/stock/subtract/" + itemId + "/3");

        assertError(refused, "insufficient_stock");
        assertThat(stockOf(itemId)).isEqualTo(2);
    }

    @Test
    void unknownItemsAreRefused() {
        assertError(get("/stock/find/no-such-item"), "unknown_item");
        assertError(post("/stock/add/no-such-item/1"), "unknown_item");
        assertError(post("/stock/subtract/no-such-item/1"), "unknown_item");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "1e3", "%2B1", "99999999999999999999", "1000000000000000000"})
    void malformedNumbersAreRefusedAndChangeNothing(String amount) {
        String itemId = createItem(100);
        post("/stock/add/" + itemId + "/5");

        assertError(post("/stock/add/" + itemId + "/" + amount), "invalid_number");
        assertError(post("/stock/subtract/" + itemId + "/" + amount), "invalid_number");
        assertError(post("/stock/item/create/" + amount), "invalid_number");
        assertError(post("/stock/batch_init/" + amount + "/1/1"), "invalid_number");
        assertThat(stockOf(itemId)).isEqualTo(5);
    }

    @Test
    void addingBeyondTheLargestStockIsRefused() {
        String itemId = createItem(100);
        post("/stock/add/" + itemId + "/999999999999999999");
        long stock = stockOf(itemId);

        for (int i = 0; i < 8; i++) {
            post("/stock/add/" + itemId + "/999999999999999999");
        }
        Answer refused = post("/stock/add/" + itemId + "/999999999999999999");

        assertError(refused, "stock_overflow");
        assertThat(stockOf(itemId)).isEqualTo(stock * 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1%27%20or%20%271%27%3D%271", "%27%3B%20drop%20table%20items%3B--", "%22%7D", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void idsWithSqlOrQuotesAreRefused(String itemId) {
        long books = bookCount();

        assertError(get("/stock/find/" + itemId), "invalid_id");
        assertError(post("/stock/subtract/" + itemId + "/1"), "invalid_id");
        assertThat(bookCount()).isEqualTo(books);
    }

    @Test
    void batchInitCreatesStringIdsAndReplacesThemLeavingBooksAlone() {
        long books = bookCount();

        Answer first = post("/stock/batch_init/10/5/7");
        Answer second = post("/stock/batch_init/10/3/2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.body().get("msg").asText()).isNotBlank();
        assertThat(second.status()).isEqualTo(200);
        Answer item = get("/stock/find/9");
        assertThat(item.body().get("stock").asLong()).isEqualTo(3);
        assertThat(item.body().get("price").asLong()).isEqualTo(2);
        assertThat(bookCount()).isEqualTo(books).isGreaterThanOrEqualTo(50);
    }

    @Test
    void batchInitLoadsOneHundredThousandItems() {
        long started = System.nanoTime();
        Answer answer = post("/stock/batch_init/100000/100/1");
        LOG.info("batch_init of 100000 items took {} ms", (System.nanoTime() - started) / 1_000_000);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(get("/stock/find/0").body().get("stock").asLong()).isEqualTo(100);
        assertThat(get("/stock/find/99999").body().get("price").asLong()).isEqualTo(1);
    }

    @Test
    void batchInitBeyondTheLimitIsRefused() {
        assertError(post("/stock/batch_init/1000001/1/1"), "invalid_number");
    }

    @Test
    void concurrentSubtractionsNeverOversell() {
        String itemId = createItem(1);
        post("/stock/add/" + itemId + "/100");

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 200)
                .mapToObj(i -> HTTP.sendAsync(request("/stock/subtract/" + itemId + "/1", "POST"),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(100);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(100);
        assertThat(stockOf(itemId)).isZero();
    }

    @Test
    void booksArePagedAndHaveTitles() {
        Answer firstPage = get("/books?page=0&size=10");
        Answer secondPage = get("/books?page=1&size=10");

        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.contentType()).startsWith("application/json");
        assertThat(firstPage.body().get("total").asLong()).isGreaterThanOrEqualTo(50);
        assertThat(firstPage.body().get("books")).hasSize(10);
        assertThat(firstPage.body().get("books")).allSatisfy(book -> {
            assertThat(book.get("title").asText()).isNotBlank();
            assertThat(book.get("author").asText()).isNotBlank();
            assertThat(book.get("id").asText()).isNotBlank();
        });
        assertThat(secondPage.body().get("books").get(0).get("id"))
                .isNotEqualTo(firstPage.body().get("books").get(0).get("id"));
    }

    @Test
    void aBookIsFoundByIdOrTitle() {
        Answer byId = get("/books/9780441013593");
        Answer byTitle = get("/books?title=dune");

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body().get("title").asText()).isEqualTo("Dune");
        assertThat(byId.body().get("author").asText()).isEqualTo("Frank Herbert");
        assertThat(byTitle.body().get("books")).hasSize(1);
        assertThat(byTitle.body().get("books").get(0).get("id").asText()).isEqualTo("9780441013593");
    }

    @Test
    void benchmarkItemsAndUnknownIdsAreNotBooks() {
        post("/stock/batch_init/1/1/1");

        Answer benchmarkItem = get("/books/0");
        Answer badPage = get("/books?size=abc");

        assertThat(benchmarkItem.status()).isEqualTo(404);
        assertThat(benchmarkItem.body().get("error").get("code").asText()).isEqualTo("unknown_book");
        assertError(badPage, "invalid_number");
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Answer document = get("/stock/openapi.json");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("paths").has("/stock/subtract/{item_id}/{amount}")).isTrue();
        assertThat(document.body().get("paths").has("/books/{book_id}")).isTrue();
    }

    private String createItem(long price) {
        Answer created = post("/stock/item/create/" + price);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.contentType()).startsWith("application/json");
        return created.body().get("item_id").asText();
    }

    private long stockOf(String itemId) {
        return get("/stock/find/" + itemId).body().get("stock").asLong();
    }

    private long bookCount() {
        return get("/books?size=1").body().get("total").asLong();
    }

    private static void assertError(Answer answer, String code) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body().get("error").get("code").asText()).isEqualTo(code);
        assertThat(answer.body().get("error").get("message").asText()).isNotBlank();
    }

    private Answer get(String path) {
        return send(request(path, "GET"));
    }

    private Answer post(String path) {
        return send(request(path, "POST"));
    }

    private HttpRequest request(String path, String method) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException("request " + request.uri() + " failed", e);
        }
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }
}

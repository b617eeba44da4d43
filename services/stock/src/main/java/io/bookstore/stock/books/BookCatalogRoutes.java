package io.bookstore.stock.books;

import io.bookstore.stock.http.ApiError;
import io.bookstore.stock.http.HttpErrorHandling;
import io.bookstore.stock.http.JsonResponse;
import io.bookstore.stock.http.RequestParameters;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The bookstore's catalog: the items that have a title (benchmark items have none), page by page, optionally
 * narrowed to one title (case-insensitive), which is how checkout clients turn a title into an item id.
 */
@Component
public class BookCatalogRoutes extends RouteBuilder {

    private static final String BOOK_COLUMNS = "id, title, author, category, price, stock";
    private static final String TITLE_MATCHES = "(:#title = '' or lower(title) = lower(:#title))";

    private final long defaultPageSize;
    private final long maxPageSize;

    public BookCatalogRoutes(@Value("${stock.books.default-page-size}") long defaultPageSize,
                             @Value("${stock.books.max-page-size}") long maxPageSize) {
        this.defaultPageSize = defaultPageSize;
        this.maxPageSize = maxPageSize;
    }

    @Override
    public void configure() {
        rest("/books")
                .get().description("The catalog's books, paged (page, size) and optionally by title")
                    .routeId("list-books-http").to("direct:list-books")
                .get("/{book_id}").description("One book by its ISBN-13")
                    .routeId("find-book-http").to("direct:find-book");

        from("direct:list-books").routeId("list-books").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.number("page", 1_000_000, 0))
                .process(RequestParameters.number("size", maxPageSize, defaultPageSize))
                .process(RequestParameters.optionalText("title", 300))
                .process(exchange -> exchange.getIn().setHeader("offset",
                        exchange.getIn().getHeader("page", Long.class) * exchange.getIn().getHeader("size", Long.class)))
                .to("sql:select count(*) from items where title is not null and " + TITLE_MATCHES
                        + "?outputType=SelectOne&outputHeader=total")
                .to("sql:select " + BOOK_COLUMNS + " from items where title is not null and " + TITLE_MATCHES
                        + " order by title, id limit :#size offset :#offset")
                .process(exchange -> JsonResponse.ok(exchange, Map.of(
                        "books", exchange.getIn().getBody(),
                        "page", exchange.getIn().getHeader("page"),
                        "size", exchange.getIn().getHeader("size"),
                        "total", exchange.getIn().getHeader("total"))));

        from("direct:find-book").routeId("find-book").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.id("book_id"))
                .to("sql:select " + BOOK_COLUMNS + " from items where id = :#book_id and title is not null"
                        + "?outputType=SelectOne")
                .process(exchange -> {
                    Object book = exchange.getIn().getBody();
                    if (book == null) {
                        throw ApiError.notFound("unknown_book",
                                "no book with id " + exchange.getIn().getHeader("book_id"));
                    }
                    JsonResponse.ok(exchange, book);
                });
    }
}

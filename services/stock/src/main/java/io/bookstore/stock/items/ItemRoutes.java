package io.bookstore.stock.items;

import io.bookstore.stock.http.ApiError;
import io.bookstore.stock.http.HttpErrorHandling;
import io.bookstore.stock.http.JsonResponse;
import io.bookstore.stock.http.RequestParameters;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The benchmark's item API. Every change is one guarded statement, so concurrent calls never oversell and a
 * refused call changes nothing; the failure path reads the row once more only to say why it was refused.
 */
@Component
public class ItemRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/stock")
                .post("/item/create/{price}").description("Creates an item with no stock at a price in cents")
                    .routeId("create-item-http").to("direct:create-item")
                .get("/find/{item_id}").description("The stock and price of an item")
                    .routeId("find-item-http").to("direct:find-item")
                .post("/add/{item_id}/{amount}").description("Adds stock; answers the new stock")
                    .routeId("add-stock-http").to("direct:add-stock")
                .post("/subtract/{item_id}/{amount}")
                    .description("Subtracts stock, refused (400) below zero; answers the new stock")
                    .routeId("subtract-stock-http").to("direct:subtract-stock");

        from("direct:create-item").routeId("create-item").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.number("price", RequestParameters.MAX_NUMBER))
                .setHeader("item_id", simple("${uuid(random)}"))
                .to("sql:insert into items (id, price, stock) values (:#item_id, :#price, 0)")
                .process(exchange -> JsonResponse.ok(exchange, Map.of("item_id", itemId(exchange))));

        from("direct:find-item").routeId("find-item").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.id("item_id"))
                .to("sql:select stock, price from items where id = :#item_id?outputType=SelectOne")
                .process(exchange -> {
                    Map<?, ?> item = exchange.getIn().getBody(Map.class);
                    if (item == null) {
                        throw unknownItem(exchange);
                    }
                    JsonResponse.ok(exchange, Map.of("stock", item.get("stock"), "price", item.get("price")));
                });

        from("direct:add-stock").routeId("add-stock").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.id("item_id"))
                .process(RequestParameters.number("amount", RequestParameters.MAX_NUMBER))
                .to("sql:update items set stock = stock + :#amount"
                        + " where id = :#item_id and stock <= 9223372036854775807 - :#amount"
                        + " returning stock?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .to("sql:select stock from items where id = :#item_id?outputType=SelectOne")
                        .process(exchange -> {
                            throw exchange.getIn().getBody() == null
                                    ? unknownItem(exchange)
                                    : ApiError.badRequest("stock_overflow", "the stock of item " + itemId(exchange)
                                            + " cannot grow by " + amount(exchange));
                        })
                .end()
                .process(ItemRoutes::newStock);

        from("direct:subtract-stock").routeId("subtract-stock").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.id("item_id"))
                .process(RequestParameters.number("amount", RequestParameters.MAX_NUMBER))
                .to("sql:update items set stock = stock - :#amount"
                        + " where id = :#item_id and stock >= :#amount"
                        + " returning stock?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .to("sql:select stock from items where id = :#item_id?outputType=SelectOne")
                        .process(exchange -> {
                            Long stock = exchange.getIn().getBody(Long.class);
                            throw stock == null
                                    ? unknownItem(exchange)
                                    : ApiError.badRequest("insufficient_stock", "item " + itemId(exchange)
                                            + " has " + stock + " in stock, " + amount(exchange) + " requested");
                        })
                .end()
                .process(ItemRoutes::newStock);
    }

    private static void newStock(Exchange exchange) {
        JsonResponse.ok(exchange, Map.of("item_id", itemId(exchange), "stock", exchange.getIn().getBody(Long.class)));
    }

    private static String itemId(Exchange exchange) {
        return exchange.getIn().getHeader("item_id", String.class);
    }

    private static long amount(Exchange exchange) {
        return exchange.getIn().getHeader("amount", Long.class);
    }

    private static ApiError unknownItem(Exchange exchange) {
        return ApiError.badRequest("unknown_item", "no item with id " + itemId(exchange));
    }
}

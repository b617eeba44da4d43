package io.bookstore.stock.items;

import io.bookstore.stock.http.HttpErrorHandling;
import io.bookstore.stock.http.JsonResponse;
import io.bookstore.stock.http.RequestParameters;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The benchmark's bulk load: items "0".."n-1" in one statement (so all or nothing), replacing earlier items
 * with the same ids and leaving every other item, the books included, as it is.
 */
@Component
public class BatchInitRoute extends RouteBuilder {

    private static final long MAX_NUMBER = 999_999_999_999_999_999L;

    private final long maxItems;

    public BatchInitRoute(@Value("${stock.batch-init.max-items}") long maxItems) {
        this.maxItems = maxItems;
    }

    @Override
    public void configure() {
        rest("/stock")
                .post("/batch_init/{n}/{starting_stock}/{item_price}").routeId("batch-init-items-http")
                .to("direct:batch-init-items");

        from("direct:batch-init-items").routeId("batch-init-items").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.number("n", maxItems))
                .process(RequestParameters.number("starting_stock", MAX_NUMBER))
                .process(RequestParameters.number("item_price", MAX_NUMBER))
                .to("sql:insert into items (id, price, stock)"
                        + " select g::text, :#item_price, :#starting_stock from generate_series(0, :#n - 1) as g"
                        + " on conflict (id) do update set price = excluded.price, stock = excluded.stock")
                .log("batch init: ${header.n} items with stock ${header.starting_stock} and price ${header.item_price}")
                .process(exchange -> JsonResponse.ok(exchange, Map.of("msg", "Batch init for stock successful: "
                        + exchange.getIn().getHeader("n") + " items")));
    }
}

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

    private final long maxItems;

    public BatchInitRoute(@Value("${stock.batch-init.max-items}") long maxItems) {
        this.maxItems = maxItems;
    }

    @Override
    public void configure() {
        rest("/stock")
                .post("/batch_init/{n}/{starting_stock}/{item_price}")
                    .description("Creates or replaces items \"0\"..\"n-1\" with the given stock and price")
                    .routeId("batch-init-items-http")
                .to("direct:batch-init-items");

        from("direct:batch-init-items").routeId("batch-init-items").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.number("n", maxItems))
                .process(RequestParameters.number("starting_stock", RequestParameters.MAX_NUMBER))
                .process(RequestParameters.number("item_price", RequestParameters.MAX_NUMBER))
                .to("sql:insert into items (id, price, stock)"
                        + " select g::text, :#item_price, :#starting_stock from generate_series(0, :#n - 1) as g"
                        + " on conflict (id) do update set price = excluded.price, stock = excluded.stock")
                .log("batch init: ${header.n} items with stock ${header.starting_stock} and price ${header.item_price}")
                .process(exchange -> JsonResponse.ok(exchange, Map.of("msg", "Batch init for stock successful: "
                        + exchange.getIn().getHeader("n") + " items")));
    }
}

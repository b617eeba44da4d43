package io.bookstore.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;

/** Reads the whole catalog from the stock service, page by page, over HTTP. The body out is a {@link CatalogBooks}. */
public class CatalogRoute extends RouteBuilder {

    private static final String PAGING = "catalogPaging";

    private final CatalogProperties properties;

    public CatalogRoute(CatalogProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("direct:fetch-catalog")
                .routeId("catalog-fetch")
                .process(exchange -> exchange.setProperty(PAGING, new CatalogPaging(properties)))
                .loopDoWhile(exchange -> exchange.getProperty(PAGING, CatalogPaging.class).hasMore())
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                    .setHeader(Exchange.HTTP_QUERY, simple("${exchangeProperty.catalogPaging.nextQuery()}"))
                    .to("{{stock.url}}/books")
                    .unmarshal().json(JsonLibrary.Jackson, JsonNode.class)
                    .process(exchange -> exchange.getProperty(PAGING, CatalogPaging.class)
                            .add(exchange.getIn().getBody(JsonNode.class)))
                .end()
                .setBody(exchange -> exchange.getProperty(PAGING, CatalogPaging.class).books())
                .log("catalog read from stock: ${body.all().size()} books");
    }
}

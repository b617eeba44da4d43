package io.bookstore.orchestrator.gateway;

import io.bookstore.orchestrator.api.ApiErrorPolicy;
import io.bookstore.orchestrator.api.ApiException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * One base URL: /stock/*, /payment/* and /books go, method, path and query unchanged, to the services that
 * own them. Their answers (including 400s) come back as they are; a service that does not answer is a 503.
 */
@Component
public class GatewayRoutes extends RouteBuilder {

    @Override
    public void configure() {
        forward("stock", "{{stock.url}}");
        forward("payment", "{{payment.url}}");
        forward("books", "{{stock.url}}");

        from("direct:stock-find-item").routeId("stock-find-item")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_URI, simple("{{stock.url}}/stock/find/${header.item_id}"))
                .to("http:stock-api?throwExceptionOnFailure=false");

        from("direct:catalog-books").routeId("catalog-books")
                .setHeader(Exchange.HTTP_METHOD, constant("GET"))
                .setHeader(Exchange.HTTP_URI, simple("{{stock.url}}/books?page=0&size={{catalog.page-size}}"))
                .to("http:stock-api?throwExceptionOnFailure=true");
    }

    private void forward(String prefix, String target) {
        from("platform-http:/" + prefix + "?matchOnUriPrefix=true").routeId("forward-" + prefix)
                .routeConfigurationId(ApiErrorPolicy.ID)
                .onException(java.io.IOException.class).handled(true)
                    .process(exchange -> {
                        throw new ApiException(503, prefix + "_unavailable", "the " + prefix + " service did not answer");
                    })
                .end()
                .removeHeaders("Host|Long-Running-Action*|Content-Length|Transfer-Encoding")
                .process(GatewayRoutes::removeQueryParameterHeaders)
                .setHeader(Exchange.HTTP_URI, simple(target + "${header." + Exchange.HTTP_URI + "}"))
                .removeHeader(Exchange.HTTP_PATH)
                .to("http:" + prefix + "-service?throwExceptionOnFailure=false&connectionClose=false");
    }

    /**
     * platform-http also makes a header of each query parameter, and the http producer would send it on as an HTTP
     * header: the service would then read the parameter twice (query and header), as a list, and refuse it
     * (GET /books?page=1 answered 400). The query itself goes on unchanged.
     */
    private static void removeQueryParameterHeaders(Exchange exchange) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String parameter : query.split("&")) {
            exchange.getMessage().removeHeader(parameter.split("=", 2)[0]);
        }
    }
}

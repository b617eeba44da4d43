package io.bookstore.suggestions.grpc;

import io.bookstore.causality.OrderClockCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.grpc.GrpcConstants;
import org.springframework.stereotype.Component;

/** The gRPC face of the service: Suggest runs event f; Clear drops the cached copy of a finished order. */
@Component
public class SuggestionsGrpcRoute extends RouteBuilder {

    private final OrderClockCache orderClocks;

    public SuggestionsGrpcRoute(OrderClockCache orderClocks) {
        this.orderClocks = orderClocks;
    }

    @Override
    public void configure() {
        from("grpc://0.0.0.0:{{grpc.port}}/io.bookstore.contracts.suggestions.BookSuggestions?synchronous=true")
                .routeId("suggestions-grpc")
                .choice()
                    .when(header(GrpcConstants.GRPC_METHOD_NAME_HEADER).isEqualTo("suggest"))
                        .to("direct:suggest-books")
                    .when(header(GrpcConstants.GRPC_METHOD_NAME_HEADER).isEqualTo("clear"))
                        .bean(orderClocks, "clear")
                .end();
    }
}

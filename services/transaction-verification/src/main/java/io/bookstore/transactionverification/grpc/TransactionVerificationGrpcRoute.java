package io.bookstore.transactionverification.grpc;

import io.bookstore.causality.OrderClockCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.grpc.GrpcConstants;
import org.springframework.stereotype.Component;

/** The gRPC face of the service: Verify runs events a, b and c; Clear drops the cached copy of a finished order. */
@Component
public class TransactionVerificationGrpcRoute extends RouteBuilder {

    private final OrderClockCache orderClocks;

    public TransactionVerificationGrpcRoute(OrderClockCache orderClocks) {
        this.orderClocks = orderClocks;
    }

    @Override
    public void configure() {
        from("grpc://0.0.0.0:{{grpc.port}}/io.bookstore.contracts.transactionverification.TransactionVerification"
                + "?synchronous=true")
                .routeId("transaction-verification-grpc")
                .choice()
                    .when(header(GrpcConstants.GRPC_METHOD_NAME_HEADER).isEqualTo("verify"))
                        .to("direct:verify-transaction")
                    .when(header(GrpcConstants.GRPC_METHOD_NAME_HEADER).isEqualTo("clear"))
                        .bean(orderClocks, "clear")
                .end();
    }
}

package io.bookstore.fraud.grpc;

import io.bookstore.causality.OrderClockCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.grpc.GrpcConstants;
import org.springframework.stereotype.Component;

/** The gRPC face of the service: Check runs events d and e; Clear drops the cached copy of a finished order. */
@Component
public class FraudDetectionGrpcRoute extends RouteBuilder {

    private final OrderClockCache orderClocks;

    public FraudDetectionGrpcRoute(OrderClockCache orderClocks) {
        this.orderClocks = orderClocks;
    }

    @Override
    public void configure() {
        from("grpc://0.0.0.0:{{grpc.port}}/io.bookstore.contracts.frauddetection.FraudDetection?synchronous=true")
                .routeId("fraud-detection-grpc")
                .choice()
                    .when(header(GrpcConstants.GRPC_METHOD_NAME_HEADER).isEqualTo("check"))
                        .to("direct:check-fraud")
                    .when(header(GrpcConstants.GRPC_METHOD_NAME_HEADER).isEqualTo("clear"))
                        .bean(orderClocks, "clear")
                .end();
    }
}

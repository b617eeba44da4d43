package io.bookstore.orchestrator.api;

import io.bookstore.causality.OrderLogContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The error policy every HTTP route of the orchestrator shares: a known failure becomes its status and
 * error body; anything else is a bug, logged with its stack trace and answered 500 without internals.
 */
@Component
public class ApiErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "api-error-policy";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiException.class)
                    .handled(true)
                    .process(ApiErrorPolicy::answerApiException)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(org.apache.camel.LoggingLevel.ERROR, "unexpected failure: ${exception.stacktrace}")
                    .process(exchange -> {
                        OrderLogContext.clear();
                        ApiResponses.error(exchange, 500, "internal_error", "the request failed unexpectedly; it was not applied");
                    })
                .end();
    }

    private static void answerApiException(Exchange exchange) {
        OrderLogContext.clear();
        ApiException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ApiException.class);
        ApiResponses.error(exchange, failure.status(), failure.code(), failure.getMessage());
    }
}

package io.bookstore.payment.accounts;

import io.bookstore.payment.http.ApiError;
import io.bookstore.payment.http.HttpErrorHandling;
import io.bookstore.payment.http.JsonResponse;
import io.bookstore.payment.http.RequestParameters;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The benchmark's user API. Every change is one guarded statement, so concurrent payments never overdraw and a
 * refused call changes nothing; the failure path reads the row once more only to say why it was refused.
 */
@Component
public class AccountRoutes extends RouteBuilder {

    @Override
    public void configure() {
        rest("/payment")
                .post("/create_user").description("Creates a user with no credit")
                    .routeId("create-user-http").to("direct:create-user")
                .get("/find_user/{user_id}").description("The credit of a user, in cents")
                    .routeId("find-user-http").to("direct:find-user")
                .post("/add_funds/{user_id}/{amount}").description("Adds credit")
                    .routeId("add-funds-http").to("direct:add-funds")
                .post("/pay/{user_id}/{amount}")
                    .description("Takes credit, refused (400) below zero; answers the new credit")
                    .routeId("pay-http").to("direct:pay");

        from("direct:create-user").routeId("create-user").routeConfigurationId(HttpErrorHandling.ID)
                .setHeader("user_id", simple("${uuid(random)}"))
                .to("sql:insert into accounts (id, credit) values (:#user_id, 0)")
                .process(exchange -> JsonResponse.ok(exchange, Map.of("user_id", userId(exchange))));

        from("direct:find-user").routeId("find-user").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.id("user_id"))
                .to("sql:select credit from accounts where id = :#user_id?outputType=SelectOne")
                .process(exchange -> {
                    Long credit = exchange.getIn().getBody(Long.class);
                    if (credit == null) {
                        throw unknownUser(exchange);
                    }
                    JsonResponse.ok(exchange, Map.of("user_id", userId(exchange), "credit", credit));
                });

        from("direct:add-funds").routeId("add-funds").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.id("user_id"))
                .process(RequestParameters.number("amount", RequestParameters.MAX_NUMBER))
                .to("sql:update accounts set credit = credit + :#amount"
                        + " where id = :#user_id and credit <= 9223372036854775807 - :#amount"
                        + " returning credit?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .to("sql:select credit from accounts where id = :#user_id?outputType=SelectOne")
                        .process(exchange -> {
                            throw exchange.getIn().getBody() == null
                                    ? unknownUser(exchange)
                                    : ApiError.badRequest("credit_overflow", "the credit of user " + userId(exchange)
                                            + " cannot grow by " + amount(exchange));
                        })
                .end()
                .process(exchange -> JsonResponse.ok(exchange, Map.of("done", true)));

        from("direct:pay").routeId("pay").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.id("user_id"))
                .process(RequestParameters.number("amount", RequestParameters.MAX_NUMBER))
                .to("sql:update accounts set credit = credit - :#amount"
                        + " where id = :#user_id and credit >= :#amount"
                        + " returning credit?outputType=SelectOne")
                .choice()
                    .when(body().isNull())
                        .to("sql:select credit from accounts where id = :#user_id?outputType=SelectOne")
                        .process(exchange -> {
                            Long credit = exchange.getIn().getBody(Long.class);
                            throw credit == null
                                    ? unknownUser(exchange)
                                    : ApiError.badRequest("insufficient_credit", "user " + userId(exchange)
                                            + " has a credit of " + credit + ", " + amount(exchange) + " requested");
                        })
                .end()
                .process(exchange -> JsonResponse.ok(exchange,
                        Map.of("user_id", userId(exchange), "credit", exchange.getIn().getBody(Long.class))));
    }

    private static String userId(Exchange exchange) {
        return exchange.getIn().getHeader("user_id", String.class);
    }

    private static long amount(Exchange exchange) {
        return exchange.getIn().getHeader("amount", Long.class);
    }

    private static ApiError unknownUser(Exchange exchange) {
        return ApiError.badRequest("unknown_user", "no user with id " + userId(exchange));
    }
}

package io.bookstore.payment.accounts;

import io.bookstore.payment.http.HttpErrorHandling;
import io.bookstore.payment.http.JsonResponse;
import io.bookstore.payment.http.RequestParameters;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The benchmark's bulk load: users "0".."n-1" in one statement (so all or nothing), replacing earlier users
 * with the same ids and leaving every other account, card accounts included, as it is.
 */
@Component
public class BatchInitRoute extends RouteBuilder {

    private final long maxUsers;

    public BatchInitRoute(@Value("${payment.batch-init.max-users}") long maxUsers) {
        this.maxUsers = maxUsers;
    }

    @Override
    public void configure() {
        rest("/payment")
                .post("/batch_init/{n}/{starting_money}")
                    .description("Creates or replaces users \"0\"..\"n-1\" with the given credit")
                    .routeId("batch-init-users-http")
                .to("direct:batch-init-users");

        from("direct:batch-init-users").routeId("batch-init-users").routeConfigurationId(HttpErrorHandling.ID)
                .process(RequestParameters.number("n", maxUsers))
                .process(RequestParameters.number("starting_money", RequestParameters.MAX_NUMBER))
                .to("sql:insert into accounts (id, credit)"
                        + " select g::text, :#starting_money from generate_series(0, :#n - 1) as g"
                        + " on conflict (id) do update set credit = excluded.credit")
                .log("batch init: ${header.n} users with credit ${header.starting_money}")
                .process(exchange -> JsonResponse.ok(exchange, Map.of("msg", "Batch init for users successful: "
                        + exchange.getIn().getHeader("n") + " users")));
    }
}

package io.bookstore.executor.leadership;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.springframework.stereotype.Component;

/** GET /leader: whether this replica leads and under which epoch, for operators and `make status`. */
@Component
public class LeaderStatusRoute extends RouteBuilder {

    private final Leadership leadership;

    public LeaderStatusRoute(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public void configure() {
        from("platform-http:/leader?httpMethodRestrict=GET").routeId("leader-status")
                .setBody(exchange -> leadership.status())
                .marshal().json(JsonLibrary.Jackson)
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"));
    }
}

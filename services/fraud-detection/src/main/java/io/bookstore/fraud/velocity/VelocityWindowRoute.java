package io.bookstore.fraud.velocity;

import io.bookstore.fraud.screening.FraudRules;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlConstants;
import org.springframework.stereotype.Component;

/**
 * The velocity windows in PostgreSQL. Admitting is one guarded upsert: the row lock on the subject serialises
 * concurrent orders, and the update happens only while the window has room, so it never overfills.
 */
@Component
public class VelocityWindowRoute extends RouteBuilder {

    private final Clock clock;
    private final long windowMillis;

    public VelocityWindowRoute(Clock clock, FraudRules rules) {
        this.clock = clock;
        this.windowMillis = rules.velocity().window().toMillis();
    }

    @Override
    public void configure() {
        from("direct:admit-to-velocity-window")
                .routeId("velocity-window-admit")
                .to("sql:classpath:sql/admit-to-velocity-window.sql")
                .setBody(exchange -> Integer.valueOf(1).equals(
                        exchange.getIn().getHeader(SqlConstants.SQL_UPDATE_COUNT, Integer.class)));

        from("timer:velocity-window-purge?period={{fraud.velocity.purge-interval}}")
                .routeId("velocity-window-purge")
                .setBody(exchange -> Map.of("before", clock.millis() - windowMillis))
                .to("sql:classpath:sql/purge-velocity-windows.sql")
                .log(LoggingLevel.DEBUG, "purged ${header." + SqlConstants.SQL_UPDATE_COUNT + "} idle velocity windows");
    }
}

package io.bookstore.tracing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Two routes one message crosses, and a timer's, each noting the trace it saw under the application's name (each
 * test class runs an application of its own, and the timer fires when it starts).
 */
@SpringBootApplication
class TracedApplication {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    static String housekeeping(String application) {
        return application + ": housekeeping traceparent";
    }

    @Bean
    RouteBuilder hop() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:first").routeId("first")
                        .process(exchange -> SEEN.put("first", MDC.get("trace_id")))
                        .to("seda:second");
                from("seda:second").routeId("second")
                        .process(exchange -> {
                            SEEN.put("second", MDC.get("trace_id"));
                            SEEN.put("traceparent", exchange.getMessage().getHeader("traceparent", "", String.class));
                        });
                from("timer:housekeeping?repeatCount=1&delay=0").routeId("housekeeping")
                        .to("seda:after-housekeeping");
                from("seda:after-housekeeping").routeId("after-housekeeping")
                        .process(exchange -> SEEN.put(housekeeping(
                                        getContext().resolvePropertyPlaceholders("{{spring.application.name}}")),
                                exchange.getMessage().getHeader("traceparent", "", String.class)));
            }
        };
    }
}

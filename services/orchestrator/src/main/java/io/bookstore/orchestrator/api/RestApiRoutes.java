package io.bookstore.orchestrator.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.springframework.stereotype.Component;

/** The REST DSL's shared configuration: platform-http on the service's port, CORS for any origin, OpenAPI. */
@Component
public class RestApiRoutes extends RouteBuilder {

    @Override
    public void configure() {
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.off)
                // the raw bytes, not a Reader: invalid UTF-8 must be refused, not silently replaced
                .endpointProperty("useStreaming", "true")
                .enableCORS(true)
                .corsHeaderProperty("Access-Control-Allow-Headers",
                        "Origin, Accept, Content-Type, Prefer, Idempotency-Key, X-Vector-Clock")
                .apiContextPath("/api-doc")
                .apiProperty("api.title", "Bookstore Checkout")
                .apiProperty("api.version", "1.0.0");
    }
}

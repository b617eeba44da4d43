package io.bookstore.orchestrator.api;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Spring MVC already answers CORS for the REST DSL's endpoints; without this filter Camel's REST binding writes
 * Access-Control-Allow-Origin a second time, and browsers refuse a response with two values.
 */
@Component("corsHeaderFilter")
public class CorsHeaderFilter extends HttpHeaderFilterStrategy {

    public CorsHeaderFilter() {
        getOutFilter().add("access-control-allow-origin");
    }
}

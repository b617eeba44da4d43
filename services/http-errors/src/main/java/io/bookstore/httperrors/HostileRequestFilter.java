package io.bookstore.httperrors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any route, requests the web server would otherwise reinterpret: TRACE (Tomcat would echo the
 * request), path parameters (Tomcat drops ";..." from a segment, so /create/1;DROP... would act on "1"), and a
 * Content-Encoding the routes cannot read (the HTTP binding would fail on it with a 500).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HostileRequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = request.getHeader("Content-Encoding");
        if ("TRACE".equals(request.getMethod())) {
            refuse(response, 405, "method_not_allowed", "TRACE is not served");
        } else if (request.getRequestURI().indexOf(';') >= 0) {
            refuse(response, 400, "invalid_id", "a path segment (an id or a number) must not contain ';'");
        } else if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            refuse(response, 415, "unsupported_encoding", "the body must not be compressed (Content-Encoding)");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        JsonErrors.write(response, status, JsonErrors.body(code, message));
    }
}

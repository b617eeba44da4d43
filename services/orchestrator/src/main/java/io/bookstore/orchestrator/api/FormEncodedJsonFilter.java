package io.bookstore.orchestrator.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The checkout body is JSON whatever the client calls it, and `curl -d` calls it a form
 * (application/x-www-form-urlencoded). Left as a form, the HTTP binding would parse the JSON as key=value
 * pairs; so for /checkout a form Content-Type is presented as plain text, and the body reaches the route as sent.
 */
@Component
public class FormEncodedJsonFilter extends OncePerRequestFilter {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PLAIN_TEXT = "text/plain";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String contentType = request.getContentType();
        return !request.getRequestURI().equals("/checkout") || contentType == null || !contentType.startsWith(FORM);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getContentType() {
                return PLAIN_TEXT;
            }

            @Override
            public String getHeader(String name) {
                return name.equalsIgnoreCase("Content-Type") ? PLAIN_TEXT : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return name.equalsIgnoreCase("Content-Type")
                        ? Collections.enumeration(java.util.List.of(PLAIN_TEXT)) : super.getHeaders(name);
            }
        }, response);
    }
}

package io.bookstore.httperrors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request the full request pool refused (more requests in flight than its threads and queue hold) with a
 * 503 the client may retry. Here, before the failure reaches the web server: there it would be logged at ERROR with
 * its whole stack trace, about 70 lines for every refused request, just when the service is short of CPU. The
 * refusals show in the {@code http.server.requests} meter (status 503).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RefusedForLoadFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!refusedForLoad(e) || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            JsonErrors.write(response, 503, JsonErrors.overloaded());
        }
    }

    private static boolean refusedForLoad(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }
}

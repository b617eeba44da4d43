package io.bookstore.operatoraccess;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Answers 401 with the API's error body to a request for an operator path without the operator's login. */
final class OperatorAccessFilter extends OncePerRequestFilter {

    private static final byte[] UNAUTHORIZED = """
            {"error":{"code":"unauthorized","message":"the operator login (HTTP Basic) is required"}}"""
            .getBytes(StandardCharsets.UTF_8);

    private final OperatorCredentials credentials;
    private final OperatorPaths paths;

    OperatorAccessFilter(OperatorCredentials credentials, OperatorPaths paths) {
        this.credentials = credentials;
        this.paths = paths;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // decoded and normalised by the servlet container (%-escapes, dot segments, path parameters), as the
        // dispatcher will see it: the raw request URI could spell a guarded path in a way this check misses
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!paths.guards(path) || credentials.accept(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"bookstore operators\", charset=\"UTF-8\"");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(UNAUTHORIZED.length);
        response.getOutputStream().write(UNAUTHORIZED);
    }
}

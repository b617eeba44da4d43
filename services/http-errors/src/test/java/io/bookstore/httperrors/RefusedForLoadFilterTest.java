package io.bookstore.httperrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RefusedForLoadFilterTest {

    private final RefusedForLoadFilter filter = new RefusedForLoadFilter();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders/checkout/7");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void aRequestTheFullRequestPoolRefusedIsA503ToRetryAndNeverReachesTheServer() throws Exception {
        filter.doFilter(request, response, chainThrowing(new ServletException("Request processing failed",
                new TaskRejectedException("ExecutorService in active state did not accept task"))));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("\"code\":\"overloaded\"");
    }

    @Test
    void anyOtherFailureGoesOnToTheServersErrorHandling() {
        ServletException failure = new ServletException("Request processing failed", new IllegalStateException("boom"));

        assertThatThrownBy(() -> filter.doFilter(request, response, chainThrowing(failure))).isSameAs(failure);
    }

    @Test
    void anAnsweredRequestPassesUntouched() throws Exception {
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(201);
            }
        }));

        assertThat(response.getStatus()).isEqualTo(201);
    }

    private static MockFilterChain chainThrowing(ServletException failure) {
        return new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
                throw failure;
            }
        });
    }
}

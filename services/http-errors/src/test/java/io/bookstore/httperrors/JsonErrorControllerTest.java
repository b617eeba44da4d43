package io.bookstore.httperrors;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class JsonErrorControllerTest {

    private final JsonErrorController errors = new JsonErrorController();

    @Test
    void anyOtherFailureIsAnInternalError() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders/checkout/7");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("boom"));

        ResponseEntity<String> answer = errors.error(request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody()).contains("\"code\":\"internal_error\"");
    }

    @Test
    void aStatusTheServerAnsweredItselfKeepsItsCode() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/nowhere");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);

        ResponseEntity<String> answer = errors.error(request);

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody()).contains("\"code\":\"not_found\"");
    }
}

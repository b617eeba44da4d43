package io.bookstore.httperrors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's /error page: what no route answers (an unknown path, a method an endpoint does not take)
 * gets the API's error body too, never Spring's {"timestamp","status",...} or an HTML page.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value && value >= 400 ? value : 500;
        return ResponseEntity.status(code).contentType(MediaType.APPLICATION_JSON).body(JsonErrors.forStatus(code));
    }
}

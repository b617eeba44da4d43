package io.bookstore.httperrors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Every error a service's web server or Spring answers itself (a bad request line, an unknown path, a wrong method,
 * TRACE) gets the same JSON error body as the API's own errors. Before Spring's error page, which it replaces.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({WebServerErrorCustomizer.class, JsonErrorController.class, HostileRequestFilter.class,
        RefusedForLoadFilter.class})
public class HttpErrorsAutoConfiguration {
}

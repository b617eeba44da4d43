package io.bookstore.operatoraccess;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;

/**
 * Puts the operators' endpoints behind HTTP Basic in every profile but {@code local}: the actuator (health
 * excepted, so that orchestration and load balancers can probe without a secret), Jolokia and Hawtio. The
 * credentials come from the environment (OPERATOR_USER, OPERATOR_PASSWORD); without them the service refuses to
 * start rather than run open. In the local profile ({@code make up}, the tests) nothing is asked.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Profile("!" + OperatorAccessAutoConfiguration.LOCAL_PROFILE)
public class OperatorAccessAutoConfiguration {

    public static final String LOCAL_PROFILE = "local";

    @Bean
    FilterRegistrationBean<OperatorAccessFilter> operatorAccessFilter(
            @Value("${operator.user:}") String user,
            @Value("${operator.password:}") String password,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        OperatorAccessFilter filter = new OperatorAccessFilter(OperatorCredentials.of(user, password),
                OperatorPaths.of(actuatorBasePath));
        FilterRegistrationBean<OperatorAccessFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(List.of("/*"));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("operatorAccessFilter");
        return registration;
    }
}

package io.bookstore.operatoraccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The actuator, Hawtio and Jolokia of a web application with this library, in a deployed and in the local profile. */
class OperatorAccessTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ENDPOINTS = "management.endpoints.web.exposure.include=health,info,prometheus,hawtio,jolokia";

    @SpringBootApplication
    static class OperatedApplication {
    }

    @Nested
    @AutoConfigureObservability
    @SpringBootTest(classes = OperatedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {ENDPOINTS, "operator.user=operator", "operator.password=s3cret-for-this-test",
                    "hawtio.authenticationEnabled=false", "spring.jmx.enabled=true"})
    @ActiveProfiles("docker")
    class OutsideTheLocalProfile {

        @LocalServerPort
        int port;

        @Test
        void prometheusHawtioAndJolokiaAsk401WithoutTheLoginAnd200WithIt() throws Exception {
            for (String path : new String[] {"/actuator/prometheus", "/actuator/hawtio/", "/actuator/jolokia/version",
                    "/actuator/info", "/actuator"}) {
                HttpResponse<String> anonymous = get(port, path, null);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Basic "));
                assertThat(anonymous.body()).as(path).contains("\"code\":\"unauthorized\"");
                assertThat(get(port, path, "operator:wrong").statusCode()).as(path).isEqualTo(401);
                assertThat(get(port, path, "operator:s3cret-for-this-test").statusCode()).as(path).isEqualTo(200);
            }
        }

        @Test
        void aGuardedPathSpelledDifferentlyIsStillGuarded() throws Exception {
            for (String path : new String[] {"/actuator/%70rometheus", "/actuator//prometheus", "/actuator/x/../prometheus",
                    "/actuator/prometheus;x=1", "/actuator/hawtio"}) {
                assertThat(get(port, path, null).statusCode()).as(path).isIn(400, 401, 404);
            }
        }

        @Test
        void healthStaysOpen() throws Exception {
            assertThat(get(port, "/actuator/health", null).statusCode()).isEqualTo(200);
            assertThat(get(port, "/actuator/health/liveness", null).statusCode()).isIn(200, 404);
        }
    }

    @Nested
    @AutoConfigureObservability
    @SpringBootTest(classes = OperatedApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {ENDPOINTS, "hawtio.authenticationEnabled=false", "spring.jmx.enabled=true"})
    @ActiveProfiles(OperatorAccessAutoConfiguration.LOCAL_PROFILE)
    class InTheLocalProfile {

        @LocalServerPort
        int port;

        @Test
        void everythingIsOpenWithoutALogin() throws Exception {
            assertThat(get(port, "/actuator/prometheus", null).statusCode()).isEqualTo(200);
            assertThat(get(port, "/actuator/hawtio/", null).statusCode()).isEqualTo(200);
            assertThat(get(port, "/actuator/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutCredentialsOutsideTheLocalProfileTheServiceDoesNotStart() {
        SpringApplication application = new SpringApplication(OperatedApplication.class);
        application.setAdditionalProfiles("docker");
        application.setDefaultProperties(Map.of("server.port", "0", "spring.jmx.enabled", "false"));
        assertThatThrownBy(application::run)
                .hasStackTraceContaining("set OPERATOR_USER and OPERATOR_PASSWORD");
    }

    private static HttpResponse<String> get(int port, String path, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (login != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

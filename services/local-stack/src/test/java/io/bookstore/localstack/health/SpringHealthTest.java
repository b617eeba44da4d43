package io.bookstore.localstack.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpringHealthTest {

    @Test
    void twoHundredWithStatusUpIsHealthy() {
        Health health = SpringHealth.interpret(200, """
                {"status":"UP","components":{"db":{"status":"UP"},"ping":{"status":"UP"}}}""");

        assertThat(health.up()).isTrue();
        assertThat(health.status()).isEqualTo("UP");
    }

    @Test
    void aDownServiceNamesItsFailingComponents() {
        Health health = SpringHealth.interpret(503, """
                {"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"refused"}},
                 "camelHealth":{"status":"UP"},"kafka":{"status":"OUT_OF_SERVICE"}}}""");

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).isEqualTo("DOWN (HTTP 503; db DOWN, kafka OUT_OF_SERVICE)");
    }

    @Test
    void onlyTheTopLevelStatusCounts() {
        Health health = SpringHealth.interpret(200, """
                {"components":{"db":{"status":"UP"}},"status":"OUT_OF_SERVICE"}""");

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).startsWith("OUT_OF_SERVICE");
    }

    @Test
    void statusUpWithAnErrorCodeIsNotHealthy() {
        assertThat(SpringHealth.interpret(500, "{\"status\":\"UP\"}").up()).isFalse();
    }

    @Test
    void aBodyThatIsNoHealthResponseIsNotHealthy() {
        assertThat(SpringHealth.interpret(200, "<html>Whitelabel Error Page</html>"))
                .isEqualTo(Health.down("HTTP 200 without a health status"));
        assertThat(SpringHealth.interpret(404, "").up()).isFalse();
        assertThat(SpringHealth.interpret(200, "[\"UP\"]").up()).isFalse();
    }
}

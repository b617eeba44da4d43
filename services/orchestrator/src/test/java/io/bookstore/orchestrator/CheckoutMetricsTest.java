package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The checkout meters and the Camel route meters, after checkouts through the REST API. */
class CheckoutMetricsTest extends OrchestratorTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void checkoutsAreCountedByOutcomeAndReasonCodeAndTimed() {
        double approvedBefore = count("approved", "none");
        double fraudBefore = count("rejected", "fraud");

        assertThat(post("/checkout", CheckoutApiTest.APPROVED_ORDER, Map.of()).json().path("status").asText())
                .isEqualTo("Order Approved");
        verifiers.fraudDetection.behaviour = verifiers.fraudDetection.reject("card 4111 is on the blocked list");
        assertThat(post("/checkout", CheckoutApiTest.APPROVED_ORDER, Map.of()).json().path("status").asText())
                .isEqualTo("Order Rejected");

        assertThat(count("approved", "none")).isEqualTo(approvedBefore + 1);
        assertThat(count("rejected", "fraud")).as("the free-text reason becomes a code").isEqualTo(fraudBefore + 1);
        assertThat(meters.find("checkouts").meters()).allSatisfy(meter ->
                assertThat(meter.getId().getTag("reason")).isIn("none", "fraud", "items", "user_data", "card",
                        "stock", "payment", "other", "service_unavailable"));
        assertThat(meters.get("checkout.latency").tag("outcome", "approved").timer().count()).isPositive();
        assertThat(meters.get("checkout.latency").tag("outcome", "rejected").timer().count()).isPositive();
    }

    @Test
    void everyRouteTheCheckoutRanHasItsExchangeMeters() {
        post("/checkout", CheckoutApiTest.APPROVED_ORDER, Map.of());

        assertThat(meters.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getName().startsWith("camel.exchanges") && id.getTag("routeId") != null)
                .map(id -> id.getTag("routeId")))
                .contains("checkout", "decide-checkout");
    }

    private double count(String outcome, String reason) {
        var counter = meters.find("checkouts").tag("outcome", outcome).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}

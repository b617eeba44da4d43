package io.bookstore.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.testinfra.RealInfrastructure;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A service run where ROUTES_DIR names no routes/ still starts its Java routes, and says which route is missing. */
@RealInfrastructure(database = "fraud_detection")
@CamelSpringBootTest
@SpringBootTest(classes = FraudDetectionApplication.class, properties = {"server.port=0", "ROUTES_DIR=no-such-routes"})
@ExtendWith(OutputCaptureExtension.class)
class WithoutOperatorRoutesTest {

    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void grpcPort(DynamicPropertyRegistry registry) {
        registry.add("grpc.port", FreePorts::next);
    }

    @Test
    void startsTheJavaRoutesAndNamesTheMissingOperatorRoute(CapturedOutput output) {
        assertThat(camel.getRoute("blocked-cards")).isNull();
        assertThat(camel.getRoutes()).isNotEmpty().allSatisfy(route -> assertThat(
                camel.getRouteController().getRouteStatus(route.getRouteId())).isEqualTo(ServiceStatus.Started));
        assertThat(output.getAll()).contains("the operator route blocked-cards is not loaded: no ")
                .contains("no-such-routes/fraud-detection/blocked-cards.yaml");
    }
}

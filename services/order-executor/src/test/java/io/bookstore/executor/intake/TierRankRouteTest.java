package io.bookstore.executor.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Objects;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operator route routes/order-executor/tier-rank.yaml as shipped: the rank of each card tier. */
class TierRankRouteTest {

    private static final Path ROUTES = Path.of(Objects.requireNonNull(System.getenv("ROUTES_DIR"),
            "ROUTES_DIR names the repository's routes/ (the module's surefire configuration sets it)"));

    private DefaultCamelContext camel;
    private ProducerTemplate routes;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                PluginHelper.getResourceLoader(camel).resolveResource("file:" + ROUTES.resolve("shared/error-policy.yaml")),
                PluginHelper.getResourceLoader(camel).resolveResource("file:" + ROUTES.resolve("order-executor/tier-rank.yaml")));
        camel.start();
        routes = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @ParameterizedTest(name = "{0} ranks {1}")
    @CsvSource({"Premium, 2", "premium, 2", "Basic, 1", "BASIC, 1", "None, 0", "Platinum, 0"})
    void ranksEachTierAndAnUnknownOneAsNone(String tier, int rank) {
        String answered = routes.request("direct:tier-rank", exchange -> exchange.getMessage()
                .setHeader(OrderIntake.TIER_HEADER, tier)).getMessage().getHeader(OrderIntake.RANK_HEADER, String.class);

        assertThat(answered).isEqualTo(String.valueOf(rank));
        assertThat(new TierPriority().isRank(Integer.valueOf(answered))).isTrue();
    }

    @Test
    void usesTheSharedErrorPolicy() {
        assertThat(camel.getRouteDefinition("tier-rank").getRouteConfigurationId()).isEqualTo("operator-routes");
    }
}

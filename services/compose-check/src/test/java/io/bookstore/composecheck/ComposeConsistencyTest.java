package io.bookstore.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and everything it refers to, as committed, against the services (no Docker engine needed). */
class ComposeConsistencyTest {

    private static Stack stack;

    @BeforeAll
    static void readRepository() {
        stack = Stack.load(Stack.repositoryRoot());
    }

    @Test
    void everyServiceHasAnExistingBuildOrAPinnedImage() {
        assertThat(ComposeChecks.everyServiceHasAnExistingBuildOrAPinnedImage(stack)).isEmpty();
        assertThat(stack.builtServices()).extracting(ComposeService::name).containsExactlyInAnyOrder(
                "stock", "payment", "transaction-verification", "fraud-detection", "suggestions",
                "order-executor-1", "order-executor-2", "order-executor-3", "orchestrator");
    }

    @Test
    void imagesRunAsNonRootAndHoldNoSecrets() {
        assertThat(ComposeChecks.imagesRunAsNonRootAndHoldNoSecrets(stack)).isEmpty();
    }

    @Test
    void everyVariableIsInTheTemplateWithAComment() {
        assertThat(ComposeChecks.everyVariableIsInTheTemplateWithAComment(stack)).isEmpty();
    }

    @Test
    void hostPortsDoNotCollide() {
        assertThat(ComposeChecks.hostPortsDoNotCollide(stack)).isEmpty();
    }

    @Test
    void everyServiceVariableIsOneTheServiceReads() {
        assertThat(ComposeChecks.everyServiceVariableIsOneTheServiceReads(stack)).isEmpty();
    }

    @Test
    void everyLocalStackVariableTheServiceReadsIsSet() {
        assertThat(ComposeChecks.everyLocalStackVariableTheServiceReadsIsSet(stack)).isEmpty();
    }

    @Test
    void everyServiceInstanceHasItsOwnInstanceId() {
        assertThat(ComposeChecks.everyServiceInstanceHasItsOwnInstanceId(stack)).isEmpty();
    }

    @Test
    void orderExecutorRunsAsThreeReplicas() {
        assertThat(ComposeChecks.orderExecutorRunsAsThreeReplicas(stack)).isEmpty();
    }

    @Test
    void zookeeperNodesRunTheComposeEnsembleConfig() {
        assertThat(ComposeChecks.zookeeperNodesRunTheComposeEnsembleConfig(stack)).isEmpty();
    }

    @Test
    void routesAreMountedWhereRoutesDirIsRead() {
        assertThat(ComposeChecks.routesAreMountedWhereRoutesDirIsRead(stack)).isEmpty();
    }

    @Test
    void everyAddressNamesAServiceOnAPortItServes() {
        assertThat(ComposeChecks.everyAddressNamesAServiceOnAPortItServes(stack)).isEmpty();
    }

    @Test
    void everyDatabaseIsCreatedAndOwnedByItsService() {
        assertThat(ComposeChecks.everyDatabaseIsCreatedAndOwnedByItsService(stack)).isEmpty();
    }

    @Test
    void servicesWaitForHealthyDependencies() {
        assertThat(ComposeChecks.servicesWaitForHealthyDependencies(stack)).isEmpty();
    }

    @Test
    void servicePortsArePublishedAsInMakeUp() {
        assertThat(ComposeChecks.servicePortsArePublishedAsInMakeUp(stack)).isEmpty();
    }

    @Test
    void prometheusScrapesEveryService() {
        assertThat(ComposeChecks.prometheusScrapesEveryService(stack)).isEmpty();
    }

    @Test
    void grafanaDashboardsUseTheProvisionedDatasourceAndExistingMetrics() {
        assertThat(ComposeChecks.grafanaDashboardsUseTheProvisionedDatasourceAndExistingMetrics(stack)).isEmpty();
    }
}

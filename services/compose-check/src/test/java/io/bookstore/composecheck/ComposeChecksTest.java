package io.bookstore.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule catches what it is for: run on a copy of the repository broken in one place. */
class ComposeChecksTest {

    private static final String COMPOSE = Stack.COMPOSE_FILE;
    private static final String TEMPLATE = Stack.ENV_TEMPLATE;
    private static final String DOCKERFILE = "docker/service/Dockerfile";

    @TempDir
    Path directory;

    private RepositoryCopy repository;

    @BeforeEach
    void copyRepository() {
        repository = RepositoryCopy.of(Stack.repositoryRoot(), directory);
    }

    @Test
    void aMissingDockerfileOrAnUnpinnedImageIsReported() {
        Stack stack = repository
                .replace(COMPOSE, "dockerfile: docker/service/Dockerfile", "dockerfile: docker/service/Missing.Dockerfile")
                .replace(COMPOSE, "image: postgres:17.6", "image: postgres:latest")
                .stack();

        assertThat(ComposeChecks.everyServiceHasAnExistingBuildOrAPinnedImage(stack))
                .contains("postgres: image postgres:latest is not pinned to a version")
                .anyMatch(problem -> problem.startsWith("stock: Dockerfile ") && problem.endsWith("Missing.Dockerfile does not exist"));
    }

    @Test
    void anImageRunningAsRootOrHoldingASecretIsReported() {
        Stack stack = repository
                .replace(DOCKERFILE, "USER 10001:10001", "ENV DB_PASSWORD=postgres")
                .stack();

        assertThat(ComposeChecks.imagesRunAsNonRootAndHoldNoSecrets(stack))
                .anyMatch(problem -> problem.endsWith("does not end with a USER other than root"))
                .anyMatch(problem -> problem.endsWith("bakes a secret into the image: ENV DB_PASSWORD=postgres"));
    }

    @Test
    void aVariableMissingFromTheTemplateOrWithoutACommentIsReported() {
        Stack stack = repository
                .replace(TEMPLATE, "GRAFANA_PORT=3000\n", "")
                .replace(TEMPLATE, "# Host port of PostgreSQL (published on 127.0.0.1 only), like PG_PORT of `make up`.\n", "")
                .stack();

        assertThat(ComposeChecks.everyVariableIsInTheTemplateWithAComment(stack))
                .contains(COMPOSE + " uses ${GRAFANA_PORT}, which " + TEMPLATE + " does not list")
                .anyMatch(problem -> problem.endsWith("PG_PORT has no comment line directly above it"));
    }

    @Test
    void escapedDollarsAndCommentsAreNoVariables() {
        assertThat(Stack.load(Stack.repositoryRoot()).composeVariables())
                .doesNotContain("HTTP_PORT", "POSTGRES_USER", "VARIABLE")
                .contains("DB_PASSWORD", "SERVICE_JAVA_OPTIONS");
    }

    @Test
    void twoServicesOnOneHostPortAreReported() {
        Stack stack = repository.replace(COMPOSE, "\"127.0.0.1:8093:8093\"", "\"127.0.0.1:8092:8093\"").stack();

        assertThat(ComposeChecks.hostPortsDoNotCollide(stack))
                .containsExactly("host port 8092/tcp is published by order-executor-2 and order-executor-3");
    }

    @Test
    void aVariableTheServiceDoesNotReadIsReportedAndARelaxedSpringPropertyIsNot() {
        Stack stack = repository
                .replace(COMPOSE, "      INSTANCE_ID: stock\n", "      INSTANCE_ID: stock\n      DB_POOL_SIZE: 5\n"
                        + "      SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE: 5\n      SPRING_PROFILES_ACTIVE: docker\n")
                .stack();

        assertThat(ComposeChecks.everyServiceVariableIsOneTheServiceReads(stack)).containsExactly(
                "stock sets DB_POOL_SIZE, which stock does not read (no ${DB_POOL_SIZE} placeholder, no such property in its application.yaml)",
                "stock: profile docker has no application-docker.yaml in stock");
    }

    @Test
    void aLocalStackVariableTheServiceReadsButComposeDoesNotSetIsReported() {
        Stack stack = repository.replace(COMPOSE, "      KAFKA_BOOTSTRAP_SERVERS: kafka:19092\n", "").stack();

        assertThat(ComposeChecks.everyLocalStackVariableTheServiceReadsIsSet(stack))
                .containsExactly("stock does not set KAFKA_BOOTSTRAP_SERVERS, which stock reads and make up gives it");
    }

    @Test
    void twoExecutorsSharingAnInstanceIdAreReported() {
        Stack stack = repository.replace(COMPOSE, "INSTANCE_ID: order-executor-3", "INSTANCE_ID: order-executor-2").stack();

        assertThat(ComposeChecks.everyServiceInstanceHasItsOwnInstanceId(stack))
                .anyMatch(problem -> problem.startsWith("order-executor-3: INSTANCE_ID is order-executor-2, not its service name"));
        assertThat(ComposeChecks.orderExecutorRunsAsThreeReplicas(stack))
                .anyMatch(problem -> problem.endsWith("do not each have their own INSTANCE_ID"));
    }

    @Test
    void replicasOfOneServiceAreReported() {
        Stack stack = repository.replace(COMPOSE, "  orchestrator:\n    <<: *service\n",
                "  orchestrator:\n    <<: *service\n    deploy:\n      replicas: 2\n").stack();

        assertThat(ComposeChecks.everyServiceInstanceHasItsOwnInstanceId(stack))
                .containsExactly("orchestrator: 2 replicas would share one INSTANCE_ID; declare one service per replica");
    }

    @Test
    void fewerThanThreeExecutorsAreReported() {
        Stack stack = repository.replace(COMPOSE, "MODULE: order-executor", "MODULE: orchestrator", 3).stack();

        assertThat(ComposeChecks.orderExecutorRunsAsThreeReplicas(stack))
                .contains("order-executor runs as 2 services, not 3: [order-executor-1, order-executor-2]");
    }

    @Test
    void aZooKeeperNodeWithoutTheComposeConfigIsReported() {
        Stack stack = repository
                .replace(COMPOSE, "- ./zookeeper/compose/zoo.cfg:/conf/zoo.cfg:ro", "- ./zookeeper/local/zoo-2.cfg:/conf/zoo.cfg:ro", 2)
                .replace(COMPOSE, "ZOO_MY_ID: 3", "ZOO_MY_ID: 1")
                .stack();

        assertThat(ComposeChecks.zookeeperNodesRunTheComposeEnsembleConfig(stack)).containsExactly(
                "zookeeper-2 does not mount zookeeper/compose/zoo.cfg as /conf/zoo.cfg",
                "zookeeper-3: ZOO_MY_ID 1 is server.1=zookeeper-1 in zoo.cfg");
    }

    @Test
    void anExecutorConnectingToPartOfTheEnsembleIsReported() {
        Stack stack = repository.replace(COMPOSE, "ZOOKEEPER_CONNECT: zookeeper-1:2181,zookeeper-2:2181,zookeeper-3:2181",
                "ZOOKEEPER_CONNECT: zookeeper-1:2181,zookeeper-2:2181").stack();

        assertThat(ComposeChecks.zookeeperNodesRunTheComposeEnsembleConfig(stack))
                .anyMatch(problem -> problem.startsWith("order-executor-1: ZOOKEEPER_CONNECT zookeeper-1:2181,zookeeper-2:2181 is not the ensemble"));
    }

    @Test
    void aServiceReadingRoutesDirNeedsRoutesMountedThere() {
        repository.replace("services/stock/src/main/resources/application.yaml", "stock:\n  batch-init:",
                "routes:\n  directory: ${ROUTES_DIR:routes}\n\nstock:\n  batch-init:").createDirectory("routes");
        assertThat(ComposeChecks.routesAreMountedWhereRoutesDirIsRead(repository.stack()))
                .containsExactly("stock: stock reads ROUTES_DIR, which is not set");

        repository.replace(COMPOSE, "      INSTANCE_ID: stock\n", "      INSTANCE_ID: stock\n      ROUTES_DIR: /app/routes\n");
        assertThat(ComposeChecks.routesAreMountedWhereRoutesDirIsRead(repository.stack()))
                .containsExactly("stock: routes/ is not mounted at ROUTES_DIR /app/routes, so edits do not reload");

        repository.replace(COMPOSE, "    ports: [\"127.0.0.1:8082:8082\"]\n",
                "    ports: [\"127.0.0.1:8082:8082\"]\n    volumes:\n      - ./routes:/app/routes\n");
        assertThat(ComposeChecks.routesAreMountedWhereRoutesDirIsRead(repository.stack())).isEmpty();
        assertThat(ComposeChecks.everyServiceVariableIsOneTheServiceReads(repository.stack())).isEmpty();
    }

    @Test
    void anAddressOnAPortNobodyServesOrOfNoServiceIsReported() {
        Stack stack = repository
                .replace(COMPOSE, "STOCK_URL: http://stock:8082", "STOCK_URL: http://stock:9999")
                .replace(COMPOSE, "KAFKA_BOOTSTRAP_SERVERS: kafka:19092", "KAFKA_BOOTSTRAP_SERVERS: localhost:9092")
                .stack();

        assertThat(ComposeChecks.everyAddressNamesAServiceOnAPortItServes(stack)).containsExactly(
                "stock: KAFKA_BOOTSTRAP_SERVERS names localhost, which is no service of " + COMPOSE,
                "transaction-verification: STOCK_URL names stock:9999, but stock serves [8082]");
    }

    @Test
    void aDatabaseNotCreatedOrNotTheServicesOwnIsReported() {
        Stack stack = repository.replace(COMPOSE, "jdbc:postgresql://postgres:5432/payment", "jdbc:postgresql://postgres:5432/stock")
                .stack();

        assertThat(ComposeChecks.everyDatabaseIsCreatedAndOwnedByItsService(stack)).containsExactly(
                "payment: DB_URL names database stock, but payment owns payment",
                "database payment is created but no service uses it");
    }

    @Test
    void waitingForADependencyMerelyStartedIsReported() {
        Stack stack = repository.replace(COMPOSE, "stock: {condition: service_healthy}", "stock: {condition: service_started}").stack();

        assertThat(ComposeChecks.servicesWaitForHealthyDependencies(stack))
                .containsExactly("transaction-verification waits for stock to be service_started, not service_healthy");
    }

    @Test
    void aServicePortPublishedOnAnotherHostPortIsReported() {
        Stack stack = repository.replace(COMPOSE, "\"127.0.0.1:50053:50053\"", "\"127.0.0.1:50054:50053\"").stack();

        assertThat(ComposeChecks.servicePortsArePublishedAsInMakeUp(stack))
                .containsExactly("suggestions: its GRPC_PORT 50053 is not published on host port 50053");
    }

    @Test
    void aServicePrometheusDoesNotScrapeIsReported() {
        Stack stack = repository.replace("docker/prometheus/prometheus.yml", "          - order-executor-3:8093\n", "").stack();

        assertThat(ComposeChecks.prometheusScrapesEveryService(stack))
                .anyMatch(problem -> problem.contains("scrapes [") && problem.contains("not the services"));
    }

    @Test
    void aDashboardQueryOfAnUnknownMetricOrDatasourceIsReported() {
        String dashboard = "docker/grafana/dashboards/bookstore-checkout.json";
        Stack stack = repository
                .replace(dashboard, "executor_sagas_total{status=\\\"COMPENSATED\\\"}[$__range]", "executor_saga_total{status=\\\"COMPENSATED\\\"}[$__range]")
                .replace(dashboard, "\"uid\": \"bookstore-prometheus\"", "\"uid\": \"elsewhere\"", 2)
                .stack();

        assertThat(ComposeChecks.grafanaDashboardsUseTheProvisionedDatasourceAndExistingMetrics(stack))
                .contains("bookstore-checkout.json: panel 'Saga compensations' queries executor_saga_total, which no service registers")
                .anyMatch(problem -> problem.contains("uses datasource elsewhere, not one provisioned [bookstore-prometheus]"));
    }

    @Test
    void metricNamesAreTheIdentifiersOfAQueryLessFunctionsLabelsAndKeywords() {
        assertThat(ComposeChecks.metricNames("max by (instance) (executor_leader_epoch) and on (instance) (executor_leader == 1)"))
                .containsExactly("executor_leader", "executor_leader_epoch");
        assertThat(ComposeChecks.metricNames("histogram_quantile(0.95, sum by (le) (rate(camel_route_policy_seconds_bucket"
                + "{application=\"orchestrator\",routeId=\"checkout\"}[1m])))"))
                .containsExactly("camel_route_policy_seconds_bucket");
    }
}

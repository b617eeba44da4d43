package io.bookstore.testinfra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

public class RealInfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        System.setProperty("ZOOKEEPER_CONNECT", infrastructure.zookeeperConnect());
        System.setProperty("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        String database = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RealInfrastructure.class)
                .map(RealInfrastructure::database)
                .orElse("");
        if (!database.isEmpty()) {
            infrastructure.createDatabase(database);
            System.setProperty("DB_URL", infrastructure.jdbcUrl(database));
            System.setProperty("DB_USER", TestInfrastructure.DB_USER);
            System.setProperty("DB_PASSWORD", TestInfrastructure.DB_PASSWORD);
        }
    }
}

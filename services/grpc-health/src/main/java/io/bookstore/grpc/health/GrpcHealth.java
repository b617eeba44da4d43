package io.bookstore.grpc.health;

import io.grpc.InternalConfigurator;
import io.grpc.InternalConfiguratorRegistry;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The standard gRPC health service (grpc.health.v1.Health) on this service's gRPC port: NOT_SERVING until the
 * application is ready, SERVING until it stops, for the named service and for "" (the whole server).
 * Camel 4.17's gRPC consumer builds its server with exactly one service and offers no hook to add another, so the
 * health service joins through gRPC Java's server-builder configurator, which every server built in this JVM passes
 * through (the Camel consumer's is the only one). The configurator can be set once per JVM, hence the static status.
 * Declare it as a bean before the Camel context starts, named after the gRPC service it reports on.
 */
public class GrpcHealth {

    private static final HealthStatusManager STATUS = new HealthStatusManager();

    private final String service;

    /** {@code service} is the full name of the gRPC service, e.g. {@code FraudDetectionGrpc.SERVICE_NAME}. */
    public GrpcHealth(String service) {
        this.service = service;
        install();
        setStatus(ServingStatus.NOT_SERVING);
    }

    private static synchronized void install() {
        if (!InternalConfiguratorRegistry.wasSetConfiguratorsCalled()) {
            InternalConfiguratorRegistry.setConfigurators(List.of(new InternalConfigurator() {
                @Override
                public void configureServerBuilder(ServerBuilder<?> builder) {
                    builder.addService(STATUS.getHealthService());
                }
            }));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void serving() {
        setStatus(ServingStatus.SERVING);
    }

    @PreDestroy
    public void notServing() {
        setStatus(ServingStatus.NOT_SERVING);
    }

    private void setStatus(ServingStatus status) {
        STATUS.setStatus(service, status);
        STATUS.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    }
}

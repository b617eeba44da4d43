package io.bookstore.suggestions.grpc;

import io.bookstore.contracts.suggestions.BookSuggestionsGrpc;
import io.grpc.InternalConfigurator;
import io.grpc.InternalConfiguratorRegistry;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The standard gRPC health service (grpc.health.v1.Health) on this service's gRPC port.
 * Camel 4.17's gRPC consumer builds its server with exactly one service and offers no hook to add another, so the
 * health service joins through gRPC Java's server-builder configurator, which every server built in this JVM passes
 * through (the Camel consumer's is the only one). The configurator can be set once per JVM, hence the static status.
 */
@Component
public class GrpcHealth {

    static final String SERVICE = BookSuggestionsGrpc.SERVICE_NAME;

    private static final HealthStatusManager STATUS = new HealthStatusManager();

    public GrpcHealth() {
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

    private static void setStatus(ServingStatus status) {
        STATUS.setStatus(SERVICE, status);
        STATUS.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    }
}

package io.bookstore.grpc.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A gRPC server built with no service of its own, as Camel's consumer builds one, answers health checks. */
class GrpcHealthTest {

    private Server server;
    private ManagedChannel channel;

    @Configuration(proxyBeanMethods = false)
    static class GreeterService {

        @Bean
        GrpcHealth grpcHealth() {
            return new GrpcHealth("test.Greeter");
        }
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void isNotServingBeforeTheApplicationIsReady() throws IOException {
        new GrpcHealth("test.Starting");
        startServer();

        assertThat(status("test.Starting")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    }

    @Test
    void servesWhileTheApplicationRunsAndStopsServingWhenItCloses() throws IOException {
        ConfigurableApplicationContext application = new SpringApplicationBuilder(GreeterService.class)
                .web(WebApplicationType.NONE).run();
        startServer();

        assertThat(status("test.Greeter")).isEqualTo(ServingStatus.SERVING);
        assertThat(status("")).isEqualTo(ServingStatus.SERVING);

        application.close();

        assertThat(status("test.Greeter")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    }

    private void startServer() throws IOException {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).build().start();
        channel = Grpc.newChannelBuilderForAddress("localhost", server.getPort(), InsecureChannelCredentials.create())
                .build();
    }

    private ServingStatus status(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }
}

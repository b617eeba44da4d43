package io.bookstore.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * The trace context crosses a Camel messaging hop (as a traceparent header) and a gRPC call (as metadata); a trace
 * whose first span is named in tracing.untraced-roots (here: a timer's) is not recorded.
 */
@CamelSpringBootTest
@SpringBootTest(classes = TraceContextTest.TracedApplication.class,
        properties = {"camel.main.use-mdc-logging=true", "spring.application.name=traced",
                "tracing.untraced-roots=timer"})
class TraceContextTest {

    static final Map<String, String> seen = new ConcurrentHashMap<>();

    @SpringBootApplication
    static class TracedApplication {

        @Bean
        RouteBuilder hop() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:first").routeId("first")
                            .process(exchange -> seen.put("first", MDC.get("trace_id")))
                            .to("seda:second");
                    from("seda:second").routeId("second")
                            .process(exchange -> {
                                seen.put("second", MDC.get("trace_id"));
                                seen.put("traceparent", exchange.getMessage().getHeader("traceparent", "", String.class));
                            });
                    from("timer:housekeeping?repeatCount=1&delay=0").routeId("housekeeping")
                            .to("seda:after-housekeeping");
                    from("seda:after-housekeeping").routeId("after-housekeeping")
                            .process(exchange -> seen.put("housekeeping traceparent",
                                    exchange.getMessage().getHeader("traceparent", "", String.class)));
                }
            };
        }
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    Tracer tracer;

    @Autowired
    TraceContextClientInterceptor clientInterceptor;

    @Autowired
    TraceContextServerInterceptor serverInterceptor;

    @Test
    void aRecordSentOnCarriesTheTraceAndBothRoutesLogItsId() {
        NotifyBuilder done = new NotifyBuilder(camel).fromRoute("second").whenDone(1).create();

        producer.sendBody("direct:first", "order");

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get("first")).as("trace_id in the MDC").matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(seen.get("second")).isEqualTo(seen.get("first"));
        assertThat(seen.get("traceparent")).as("recorded: trace flags 01")
                .startsWith("00-" + seen.get("first") + "-").endsWith("-01");
    }

    @Test
    void aGrpcCallContinuesTheCallersTrace() throws Exception {
        Map<String, String> handled = new ConcurrentHashMap<>();
        HealthGrpc.HealthImplBase health = new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
                handled.put("trace", Span.current().getSpanContext().getTraceId());
                answer.onNext(HealthCheckResponse.newBuilder().setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
                answer.onCompleted();
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(health, serverInterceptor)).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
                .intercept(clientInterceptor).build();
        Span caller = tracer.spanBuilder("caller").startSpan();
        try (Scope scope = caller.makeCurrent()) {
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
        } finally {
            caller.end();
            channel.shutdownNow();
            server.shutdownNow();
        }

        assertThat(handled.get("trace")).isEqualTo(caller.getSpanContext().getTraceId())
                .isNotEqualTo("0".repeat(32));
    }

    @Test
    void aTraceThatATimerStartsIsNotRecorded() {
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey("housekeeping traceparent"));

        assertThat(seen.get("housekeeping traceparent")).as("not recorded: trace flags 00")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    }
}

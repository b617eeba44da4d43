package io.bookstore.tracing;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The trace context crosses a Camel messaging hop (as a traceparent header) and a gRPC call (as metadata). With no
 * endpoint to send spans to, none is recorded, and the trace ids still reach the log lines and the next hop.
 */
@CamelSpringBootTest
@SpringBootTest(classes = TracedApplication.class,
        properties = {"camel.main.use-mdc-logging=true", "spring.application.name=traced"})
class TraceContextTest {

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
        Map<String, String> seen = TracedApplication.SEEN;
        assertThat(seen.get("first")).as("trace_id in the MDC").matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(seen.get("second")).isEqualTo(seen.get("first"));
        assertThat(seen.get("traceparent")).as("not recorded: trace flags 00")
                .startsWith("00-" + seen.get("first") + "-").endsWith("-00");
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
}

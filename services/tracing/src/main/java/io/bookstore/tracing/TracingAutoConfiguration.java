package io.bookstore.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The OpenTelemetry SDK that Camel's tracer (camel-opentelemetry-starter) records into: every route a request or a
 * record passes through becomes a span of one trace, carried on as W3C {@code traceparent} in HTTP and Kafka headers
 * (by Camel) and in gRPC metadata (by the interceptors below, which camel-grpc discovers). Spans are recorded, and
 * leave the process, only when {@code tracing.otlp.endpoint} (OTEL_EXPORTER_OTLP_ENDPOINT) is set. Otherwise none is
 * recorded, since nothing would receive it, and nothing calls the network; every span still has its trace id, which
 * reaches the log lines (MDC key trace_id) and the next service (traceparent with trace flags 00).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
        "org.apache.camel.opentelemetry.starter.OpenTelemetryAutoConfiguration"})
public class TracingAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TracingAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(OpenTelemetry.class)
    OpenTelemetrySdk openTelemetry(Environment environment) {
        String service = environment.getProperty("spring.application.name", "bookstore");
        String instance = environment.getProperty("bookstore.instance-id", service);
        Set<String> untracedRoots = Set.of(
                environment.getProperty("tracing.untraced-roots", String[].class, new String[0]));
        String endpoint = environment.getProperty("tracing.otlp.endpoint", "").strip();
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .setSampler(endpoint.isEmpty() ? Sampler.alwaysOff()
                        : Sampler.parentBased(new HousekeepingSampler(untracedRoots)))
                .setResource(Resource.getDefault().merge(
                        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service,
                                AttributeKey.stringKey("service.instance.id"), instance))));
        if (!endpoint.isEmpty()) {
            String traces = endpoint.replaceAll("/+$", "") + "/v1/traces";
            tracing.addSpanProcessor(BatchSpanProcessor.builder(
                    OtlpHttpSpanExporter.builder().setEndpoint(traces).build()).build());
            LOG.info("exporting spans to {} (OTLP over HTTP)", traces);
        }
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    ContextPropagators contextPropagators(OpenTelemetry openTelemetry) {
        return openTelemetry.getPropagators();
    }

    @Bean
    @ConditionalOnMissingBean
    Tracer tracer(OpenTelemetry openTelemetry) {
        return openTelemetry.getTracer("io.bookstore.camel");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.grpc.ClientInterceptor")
    static class GrpcTraceContext {

        @Bean
        TraceContextClientInterceptor traceContextClientInterceptor(ContextPropagators propagators) {
            return new TraceContextClientInterceptor(propagators);
        }

        @Bean
        TraceContextServerInterceptor traceContextServerInterceptor(ContextPropagators propagators) {
            return new TraceContextServerInterceptor(propagators);
        }
    }
}

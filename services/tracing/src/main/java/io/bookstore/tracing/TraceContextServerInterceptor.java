package io.bookstore.tracing;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Makes the caller's trace context (from the call's metadata) current while the call is handled, so that the span
 * Camel's gRPC consumer starts on that thread continues the caller's trace.
 */
public class TraceContextServerInterceptor implements ServerInterceptor {

    private static final TextMapGetter<Metadata> METADATA = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata metadata) {
            return metadata.keys();
        }

        @Override
        public String get(Metadata metadata, String key) {
            return metadata == null ? null : metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    };

    private final ContextPropagators propagators;

    public TraceContextServerInterceptor(ContextPropagators propagators) {
        this.propagators = propagators;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Context caller = propagators.getTextMapPropagator().extract(Context.current(), headers, METADATA);
        ServerCall.Listener<Q> listener;
        try (Scope scope = caller.makeCurrent()) {
            listener = next.startCall(call, headers);
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                try (Scope scope = caller.makeCurrent()) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                try (Scope scope = caller.makeCurrent()) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onCancel() {
                try (Scope scope = caller.makeCurrent()) {
                    super.onCancel();
                }
            }

            @Override
            public void onComplete() {
                try (Scope scope = caller.makeCurrent()) {
                    super.onComplete();
                }
            }

            @Override
            public void onReady() {
                try (Scope scope = caller.makeCurrent()) {
                    super.onReady();
                }
            }
        };
    }
}

package io.bookstore.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;

/**
 * Puts the current trace context (the span Camel made current for the gRPC producer) into the call's metadata:
 * camel-grpc does not carry Camel headers as metadata.
 */
public class TraceContextClientInterceptor implements ClientInterceptor {

    private final ContextPropagators propagators;

    public TraceContextClientInterceptor(ContextPropagators propagators) {
        this.propagators = propagators;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Context context = Context.current();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                propagators.getTextMapPropagator().inject(context, headers, (metadata, key, value) ->
                        metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
                super.start(listener, headers);
            }
        };
    }
}

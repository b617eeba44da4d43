package io.bookstore.orchestrator.checkout;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Camel's gRPC producer has no deadline option; this interceptor (picked up from the registry by the
 * component's interceptor auto-discovery) bounds every outgoing call.
 */
@Component
public class GrpcDeadlineInterceptor implements ClientInterceptor {

    private final long deadlineMillis;

    public GrpcDeadlineInterceptor(@Value("${verification.deadline-ms}") long deadlineMillis) {
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return next.newCall(method, options.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS));
    }
}

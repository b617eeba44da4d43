package io.bookstore.orchestrator;

import io.bookstore.causality.VectorClock;
import io.bookstore.causality.VectorClocks;
import io.bookstore.contracts.frauddetection.FraudDetectionGrpc;
import io.bookstore.contracts.order.ClearOrder;
import io.bookstore.contracts.order.ClearOrderAck;
import io.bookstore.contracts.order.Verdict;
import io.bookstore.contracts.order.VerificationRequest;
import io.bookstore.contracts.suggestions.BookSuggestionsGrpc;
import io.bookstore.contracts.suggestions.SuggestedBook;
import io.bookstore.contracts.suggestions.Suggestions;
import io.bookstore.contracts.transactionverification.TransactionVerificationGrpc;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Real gRPC servers that stand in for the three verification services in the orchestrator's own tests, so a
 * test can decide each one's verdict, make one slow, or stop one. The services themselves are tested in their
 * modules and together in the system tests.
 */
final class VerifierDoubles {

    /** What a double does with a request before it answers: return it to go on, or block to be slow. */
    interface Behaviour {
        Verdict answer(VerificationRequest request, VectorClock clock);
    }

    static final class Double {
        final String name;
        volatile Behaviour behaviour;
        final List<VerificationRequest> requests = new CopyOnWriteArrayList<>();
        final List<ClearOrder> clears = new CopyOnWriteArrayList<>();
        Server server;
        int port;

        Double(String name) {
            this.name = name;
            this.behaviour = approve();
        }

        Behaviour approve() {
            return (request, clock) -> Verdict.newBuilder().setApproved(true).setService(name)
                    .setClock(VectorClocks.toProto(clock)).build();
        }

        Behaviour reject(String reason) {
            return (request, clock) -> Verdict.newBuilder().setApproved(false).setReason(reason).setService(name)
                    .setClock(VectorClocks.toProto(clock)).build();
        }

        Verdict handle(VerificationRequest request) {
            requests.add(request);
            VectorClock clock = VectorClocks.fromProto(request.getClock()).tick(name).tick(name);
            return behaviour.answer(request, clock);
        }

        ClearOrderAck clear(ClearOrder clear) {
            clears.add(clear);
            return ClearOrderAck.newBuilder().setCleared(true).setClock(clear.getFinalClock()).build();
        }

        void start(io.grpc.BindableService service) throws IOException {
            server = NettyServerBuilder.forPort(port).addService(service).build().start();
            port = server.getPort();
        }

        void reset() {
            behaviour = approve();
            requests.clear();
            clears.clear();
        }
    }

    final Double transactionVerification = new Double("transaction-verification");
    final Double fraudDetection = new Double("fraud-detection");
    final Double suggestions = new Double("suggestions");
    volatile UnaryOperator<List<SuggestedBook>> suggested = books -> List.of(
            SuggestedBook.newBuilder().setBookId("9780441172719").setTitle("Dune").setAuthor("Frank Herbert").build());

    void start() throws IOException {
        transactionVerification.start(new TransactionVerificationGrpc.TransactionVerificationImplBase() {
            @Override
            public void verify(VerificationRequest request, StreamObserver<Verdict> reply) {
                answer(reply, () -> transactionVerification.handle(request));
            }

            @Override
            public void clear(ClearOrder request, StreamObserver<ClearOrderAck> reply) {
                answer(reply, () -> transactionVerification.clear(request));
            }
        });
        fraudDetection.start(new FraudDetectionGrpc.FraudDetectionImplBase() {
            @Override
            public void check(VerificationRequest request, StreamObserver<Verdict> reply) {
                answer(reply, () -> fraudDetection.handle(request));
            }

            @Override
            public void clear(ClearOrder request, StreamObserver<ClearOrderAck> reply) {
                answer(reply, () -> fraudDetection.clear(request));
            }
        });
        suggestions.start(new BookSuggestionsGrpc.BookSuggestionsImplBase() {
            @Override
            public void suggest(VerificationRequest request, StreamObserver<Suggestions> reply) {
                answer(reply, () -> {
                    Verdict verdict = suggestions.handle(request);
                    return Suggestions.newBuilder().addAllBooks(suggested.apply(List.of()))
                            .setClock(verdict.getClock()).build();
                });
            }

            @Override
            public void clear(ClearOrder request, StreamObserver<ClearOrderAck> reply) {
                answer(reply, () -> suggestions.clear(request));
            }
        });
    }

    void reset() {
        transactionVerification.reset();
        fraudDetection.reset();
        suggestions.reset();
    }

    private static <T> void answer(StreamObserver<T> reply, java.util.function.Supplier<T> answer) {
        try {
            reply.onNext(answer.get());
            reply.onCompleted();
        } catch (RuntimeException e) {
            reply.onError(e);
        }
    }
}

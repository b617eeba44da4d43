package io.bookstore.localstack.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady checkout load: a few clients, each checking out the next unused benchmark order (POST
 * /orders/checkout/{id}, answered once its saga has ended) and then the next, recording what each answer was.
 * A client that gets no answer (the orchestrator is down) waits a moment before its next order.
 */
final class CheckoutLoad implements AutoCloseable {

    /** What a checkout request got back. */
    enum Answer { PAID, REJECTED, PENDING, REFUSED, NO_ANSWER }

    record Checkout(String orderId, Instant issuedAt, Instant answeredAt, Answer answer, int status) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PAUSE_AFTER_NO_ANSWER = Duration.ofMillis(250);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final int orders;
    private final AtomicInteger nextOrder = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Checkout> checkouts = new ArrayList<>();
    private final ExecutorService clients;

    CheckoutLoad(String baseUrl, int orders, int concurrency) {
        this.baseUrl = baseUrl;
        this.orders = orders;
        this.clients = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "chaos-client");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < concurrency; i++) {
            clients.submit(this::checkoutUntilStopped);
        }
    }

    synchronized List<Checkout> issuedBetween(Instant from, Instant to) {
        return checkouts.stream().filter(c -> !c.issuedAt().isBefore(from) && c.issuedAt().isBefore(to)).toList();
    }

    synchronized List<Checkout> all() {
        return List.copyOf(checkouts);
    }

    /** Stops issuing checkouts and waits for the ones in flight to be answered. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    }

    private void checkoutUntilStopped() {
        while (running.get()) {
            int order = nextOrder.getAndIncrement();
            if (order >= orders) {
                return;
            }
            Checkout checkout = checkout(Integer.toString(order));
            synchronized (this) {
                checkouts.add(checkout);
            }
            if (checkout.answer() == Answer.NO_ANSWER) {
                LockSupport.parkNanos(PAUSE_AFTER_NO_ANSWER.toNanos());
            }
        }
    }

    private Checkout checkout(String orderId) {
        Instant issued = Instant.now();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/orders/checkout/" + orderId))
                .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            Answer answer = status == 200 ? Answer.PAID
                    : response.body().contains("checkout_rejected") ? Answer.REJECTED
                    : response.body().contains("checkout_pending") ? Answer.PENDING
                    : Answer.REFUSED;
            return new Checkout(orderId, issued, Instant.now(), answer, status);
        } catch (IOException e) {
            return new Checkout(orderId, issued, Instant.now(), Answer.NO_ANSWER, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Checkout(orderId, issued, Instant.now(), Answer.NO_ANSWER, 0);
        }
    }
}

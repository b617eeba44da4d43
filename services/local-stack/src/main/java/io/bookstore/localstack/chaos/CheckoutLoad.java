package io.bookstore.localstack.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady checkout load, open loop: every 1/rate seconds the next unused benchmark order is checked out (POST
 * /orders/checkout/{id}, answered once its saga has ended), whatever the earlier ones are doing, so a fault that
 * holds answers back does not slow the arrivals down. Each answer is recorded with when it was asked and answered.
 */
final class CheckoutLoad implements AutoCloseable {

    /** What a checkout request got back; IN_FLIGHT: nothing yet. */
    enum Answer { PAID, REJECTED, PENDING, REFUSED, NO_ANSWER, IN_FLIGHT }

    /** One checkout as it stands; answeredAt is null while it is in flight. */
    record Checkout(String orderId, Instant issuedAt, Instant answeredAt, Answer answer, int status) {
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final int orders;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final AtomicInteger nextOrder = new AtomicInteger();
    private final List<Checkout> issued = new ArrayList<>();
    private final Map<String, Checkout> answered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chaos-arrivals");
        thread.setDaemon(true);
        return thread;
    });
    private final Instant started = Instant.now();

    CheckoutLoad(String baseUrl, int orders, int ratePerSecond, int maxInFlight) {
        this.baseUrl = baseUrl;
        this.orders = orders;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        arrivals.scheduleAtFixedRate(this::checkoutNext, 0, 1_000_000 / ratePerSecond, TimeUnit.MICROSECONDS);
    }

    Instant started() {
        return started;
    }

    synchronized List<Checkout> issuedBetween(Instant from, Instant to) {
        return issued.stream().filter(c -> !c.issuedAt().isBefore(from) && c.issuedAt().isBefore(to))
                .map(c -> answered.getOrDefault(c.orderId(), c)).toList();
    }

    /** Stops issuing checkouts and waits for the ones in flight to be answered. */
    @Override
    public void close() throws InterruptedException {
        arrivals.shutdown();
        arrivals.awaitTermination(10, TimeUnit.SECONDS);
        inFlight.tryAcquire(maxInFlight, REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
    }

    private void checkoutNext() {
        int order = nextOrder.get();
        if (order >= orders || !inFlight.tryAcquire()) {
            return;
        }
        nextOrder.incrementAndGet();
        String orderId = Integer.toString(order);
        Instant issuedAt = Instant.now();
        synchronized (this) {
            issued.add(new Checkout(orderId, issuedAt, null, Answer.IN_FLIGHT, 0));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/orders/checkout/" + orderId))
                .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            answered.put(orderId, failure != null
                    ? new Checkout(orderId, issuedAt, Instant.now(), Answer.NO_ANSWER, 0)
                    : new Checkout(orderId, issuedAt, Instant.now(), answer(response), response.statusCode()));
            inFlight.release();
        });
    }

    private static Answer answer(HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            return Answer.PAID;
        }
        if (response.body().contains("checkout_rejected")) {
            return Answer.REJECTED;
        }
        return response.body().contains("checkout_pending") ? Answer.PENDING : Answer.REFUSED;
    }
}

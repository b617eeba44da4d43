package io.bookstore.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data-management benchmark's consistency scenario, over HTTP through the orchestrator, with the real stock,
 * payment and three order executors: one item with stock 100 and price 1, 1,000 users with credit 1, 1,000 orders of
 * that item (one per user, users in a seeded random order), all checked out at once with about 100 requests in
 * flight. Right after the last response: exactly 100 checkouts succeeded, the stock is 0 and the credit left is 900.
 */
class ConsistencySystemTest {

    private static final int ORDERS = 1000;
    private static final int STOCK = 100;
    private static final int IN_FLIGHT = 100;

    private static String base;

    @BeforeAll
    static void startServices() {
        base = SystemUnderTest.shared().orchestrator.url();
    }

    @Test
    void aThousandConcurrentCheckoutsOfAHundredUnitsSellExactlyAHundred() throws Exception {
        ok(Http.post(base + "/stock/batch_init/1/" + STOCK + "/1"));
        ok(Http.post(base + "/payment/batch_init/" + ORDERS + "/1"));
        List<String> users = IntStream.range(0, ORDERS).mapToObj(Integer::toString)
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(users, new Random(42));
        List<String> orders = inParallel(users, user -> {
            String order = ok(Http.post(base + "/orders/create/" + user)).json().path("order_id").asText();
            ok(Http.post(base + "/orders/addItem/" + order + "/0/1"));
            return order;
        });

        long started = System.nanoTime();
        List<Integer> statuses = inParallel(orders, order -> Http.post(base + "/orders/checkout/" + order).status());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long stock = ok(Http.get(base + "/stock/find/0")).json().path("stock").asLong();
        long credit = inParallel(users, user -> ok(Http.get(base + "/payment/find_user/" + user)).json()
                .path("credit").asLong()).stream().mapToLong(Long::longValue).sum();

        System.out.printf("%d checkouts, %d in flight: %d ms, %.0f checkouts/s; answers %s%n", ORDERS, IN_FLIGHT,
                took.toMillis(), ORDERS * 1000.0 / Math.max(1, took.toMillis()),
                statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
        Map<Integer, Long> answers = statuses.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(answers).containsOnlyKeys(200, 400).containsEntry(200, (long) STOCK);
        assertThat(stock).isZero();
        assertThat(credit).isEqualTo(ORDERS - STOCK);
    }

    /** Runs the calls with IN_FLIGHT of them under way at a time; answers their results in the input's order. */
    private static <T, R> List<R> inParallel(List<T> inputs, Function<T, R> call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(clients.submit(() -> call.apply(input)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            clients.shutdownNow();
        }
    }

    private static Http.Response ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }
}

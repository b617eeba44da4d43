package io.bookstore.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * make bench: each scenario at each offered rate (open model), then at saturation (closed model), one phase after the
 * other with a quiet pause between them, each scenario after a short warm-up of its own (the services' JIT compilers
 * start cold).
 * <ol>
 *   <li>wdm-first: benchmark-API first-time checkouts, every one of a distinct unpaid order (batch_init);</li>
 *   <li>wdm-repeat: checkouts of orders already paid, reported apart (their cheap answer must not inflate the
 *       headline);</li>
 *   <li>bookstore: POST /checkout, a mix of approved, fraudulent, invalid and conflicting orders.</li>
 * </ol>
 * Every answer is recorded with its latency and outcome; after the run the consistency check runs and the report is
 * written (see BenchReport).
 */
public class CheckoutBenchSimulation extends Simulation {

    static final String WARM_UP = "warm-up (wdm-first)";
    static final String BOOKSTORE_WARM_UP = "warm-up (bookstore)";
    static final String WDM_FIRST = "wdm-first";
    static final String WDM_REPEAT = "wdm-repeat";
    static final String BOOKSTORE = "bookstore";

    private final BenchSettings settings = BenchSettings.fromEnvironment();
    private final StackClient stack = new StackClient(settings.baseUrl());
    private final ProcessSampler sampler = new ProcessSampler(settings.repositoryRoot());
    private final List<PhaseRecord> phases = new ArrayList<>();
    private final AtomicLong nextOrder = new AtomicLong();
    private final long wdmOrders = settings.wdmOrders();
    private final AtomicLongArray paidOrders = new AtomicLongArray((int) wdmOrders);
    private final AtomicInteger paidCount = new AtomicInteger();
    private final BookstoreOrders bookstoreOrders = new BookstoreOrders();
    private final AtomicInteger scenarioNames = new AtomicInteger();

    {
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .shareConnections();

        List<PopulationBuilder> chain = new ArrayList<>();
        if (settings.runs("wdm")) {
            if (!settings.warmUp().isZero()) {
                int rate = settings.rates().get(0);
                chain.add(wdmFirst(WARM_UP, rate + "/s", rate)
                        .injectOpen(constantUsersPerSec(rate).during(settings.warmUp())));
            }
            for (int rate : settings.rates()) {
                chain.add(open(wdmFirst(WDM_FIRST, rate + "/s", rate), rate));
            }
            chain.add(closed(wdmFirst(WDM_FIRST, saturation(), 0)));
            int repeatRate = settings.rates().stream().mapToInt(Integer::intValue).max().orElse(100);
            chain.add(open(wdmRepeat(repeatRate + "/s", repeatRate), repeatRate));
        }
        if (settings.runs(BOOKSTORE)) {
            // the bookstore's path (the gRPC fan-out, the verification services) is cold even after the wdm phases
            if (!settings.warmUp().isZero()) {
                int rate = settings.rates().get(0);
                chain.add(scarceBookStock());
                chain.add(bookstore(BOOKSTORE_WARM_UP, rate + "/s", rate)
                        .injectOpen(constantUsersPerSec(rate).during(settings.warmUp())));
            }
            for (int rate : settings.rates()) {
                chain.add(scarceBookStock());
                chain.add(open(bookstore(BOOKSTORE, rate + "/s", rate), rate));
            }
            chain.add(scarceBookStock());
            chain.add(closed(bookstore(BOOKSTORE, saturation(), 0)));
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("BENCH_SCENARIOS names none of wdm, bookstore: " + settings.scenarios());
        }
        // a.andThen(b) runs b once a is done; a.andThen(b).andThen(c) would run b and c together, so nest from the end
        PopulationBuilder run = chain.get(chain.size() - 1);
        for (int i = chain.size() - 2; i >= 0; i--) {
            run = chain.get(i).andThen(pause().andThen(run));
        }
        setUp(run).protocols(protocol);
    }

    @Override
    public void before() {
        sampler.start();
        if (settings.runs("wdm")) {
            System.out.printf("bench: batch_init %d orders, %d items, %d users%n", wdmOrders, settings.wdmItems(),
                    settings.wdmUsers());
            stack.post("/stock/batch_init/" + settings.wdmItems() + "/1000000000/1");
            stack.post("/payment/batch_init/" + settings.wdmUsers() + "/1000000000000");
            stack.post("/orders/batch_init/" + wdmOrders + "/" + settings.wdmItems() + "/" + settings.wdmUsers() + "/1");
        }
        if (settings.runs(BOOKSTORE)) {
            BookstoreOrders.ORDINARY.forEach(book -> stack.setStock(book.id(), 1_000_000));
        }
    }

    @Override
    public void after() {
        sampler.close();
        new BenchReport(settings, phases, sampler.samples()).write();
    }

    private String saturation() {
        return "saturation (" + settings.saturationUsers() + " clients)";
    }

    private PopulationBuilder open(ScenarioBuilder phase, int rate) {
        return phase.injectOpen(constantUsersPerSec(rate).during(settings.phaseDuration()));
    }

    private PopulationBuilder closed(ScenarioBuilder phase) {
        return phase.injectClosed(constantConcurrentUsers(settings.saturationUsers()).during(settings.saturationDuration()));
    }

    private PopulationBuilder pause() {
        return scenario("pause " + scenarioNames.incrementAndGet())
                .pause(settings.pauseBetweenPhases())
                .injectOpen(atOnceUsers(1));
    }

    /** Before each bookstore phase: the scarce book has exactly its few last copies for the conflicting buyers. */
    private PopulationBuilder scarceBookStock() {
        return scenario("scarce book stock " + scenarioNames.incrementAndGet())
                .exec(session -> {
                    stack.setStock(BookstoreOrders.SCARCE.id(), BookstoreOrders.CONFLICT_COPIES);
                    return session;
                })
                .injectOpen(atOnceUsers(1));
    }

    private ScenarioBuilder wdmFirst(String scenarioName, String load, int rate) {
        PhaseRecord phase = phase(scenarioName, load, rate);
        return scenario(scenarioName + " " + load)
                .exec(session -> session.set("orderId", nextOrder.getAndIncrement()))
                .exec(timed(phase, http(scenarioName + " " + load).post("/orders/checkout/#{orderId}"), 200,
                        outcome -> outcome.startsWith("200 "),
                        session -> {
                            int slot = paidCount.getAndIncrement();
                            if (slot < paidOrders.length()) {
                                paidOrders.set(slot, session.getLong("orderId"));
                            }
                        }));
    }

    private ScenarioBuilder wdmRepeat(String load, int rate) {
        PhaseRecord phase = phase(WDM_REPEAT, load, rate);
        return scenario(WDM_REPEAT + " " + load)
                .exec(session -> {
                    int paid = Math.min(paidCount.get(), paidOrders.length());
                    if (paid == 0) {
                        throw new IllegalStateException("no order was paid: nothing to check out again");
                    }
                    return session.set("orderId", paidOrders.get(ThreadLocalRandom.current().nextInt(paid)));
                })
                .exec(timed(phase, http(WDM_REPEAT + " " + load).post("/orders/checkout/#{orderId}"), 200,
                        outcome -> outcome.startsWith("200 "), session -> { }));
    }

    private ScenarioBuilder bookstore(String scenarioName, String load, int rate) {
        PhaseRecord phase = phase(scenarioName, load, rate);
        return scenario(scenarioName + " " + load)
                .exec(session -> {
                    BookstoreOrders.Order order = bookstoreOrders.next();
                    return session.set("kind", order.kind()).set("body", order.body());
                })
                .exec(timedBookstore(phase, http(scenarioName + " " + load).post("/checkout")
                        .body(StringBody("#{body}"))));
    }

    private PhaseRecord phase(String scenarioName, String load, int rate) {
        PhaseRecord phase = new PhaseRecord(scenarioName, load, rate,
                rate == 0 ? settings.saturationDuration().toSeconds() : settings.phaseDuration().toSeconds());
        phases.add(phase);
        return phase;
    }

    private ChainBuilder timed(PhaseRecord phase, HttpRequestActionBuilder request, int expectedStatus,
                               Predicate<String> success, Consumer<Session> onSuccess) {
        return exec(session -> session.set("sentAt", System.currentTimeMillis()))
                .exec(request.check(status().saveAs("httpStatus"), bodyString().saveAs("responseBody"),
                        responseTimeInMillis().saveAs("latency"), status().is(expectedStatus)))
                .exec(session -> {
                    String outcome = Outcomes.of(session.contains("httpStatus") ? session.getInt("httpStatus") : null,
                            session.contains("responseBody") ? session.getString("responseBody") : null);
                    boolean succeeded = success.test(outcome);
                    record(phase, session, outcome, succeeded);
                    if (succeeded) {
                        onSuccess.accept(session);
                    }
                    return session.remove("responseBody");
                });
    }

    private ChainBuilder timedBookstore(PhaseRecord phase, HttpRequestActionBuilder request) {
        return exec(session -> session.set("sentAt", System.currentTimeMillis()))
                .exec(request.check(status().saveAs("httpStatus"), bodyString().saveAs("responseBody"),
                        responseTimeInMillis().saveAs("latency"), status().in(200, 400, 422)))
                .exec(session -> {
                    String outcome = session.getString("kind") + " -> " + Outcomes.of(
                            session.contains("httpStatus") ? session.getInt("httpStatus") : null,
                            session.contains("responseBody") ? session.getString("responseBody") : null);
                    record(phase, session, outcome, session.contains("httpStatus")
                            && session.getInt("httpStatus") < 500);
                    return session.remove("responseBody");
                });
    }

    private static void record(PhaseRecord phase, Session session, String outcome, boolean succeeded) {
        long now = System.currentTimeMillis();
        long sentAt = session.getLong("sentAt");
        int latency = session.contains("latency") ? session.getInt("latency") : (int) (now - sentAt);
        phase.answered(sentAt, now, latency, outcome, succeeded);
    }
}

package io.bookstore.localstack.chaos;

import io.bookstore.localstack.command.DownCommand;
import io.bookstore.localstack.command.PartCommand;
import io.bookstore.localstack.command.Table;
import io.bookstore.localstack.command.UpCommand;
import io.bookstore.localstack.consistency.ConsistencyCheck;
import io.bookstore.localstack.process.PidRecords;
import io.bookstore.localstack.stack.StackDefinition;
import io.bookstore.localstack.stack.StackLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * make chaos: a fresh local stack under a steady checkout load; each fault is injected, kept for its window, then
 * healed (the broken parts started again). After each, every accepted order must reach PAID or REJECTED (read with
 * GET /orders/{id}) within {@link #SETTLE_BOUND} of the heal, no order may be executed or applied twice, and the
 * invariant checker must pass. Prints one row per fault; exits non-zero if any row lost or duplicated an order or
 * found the stores inconsistent.
 */
public final class ChaosCommand {

    /** How long after a fault is healed every accepted order has to reach its final state. */
    static final Duration SETTLE_BOUND = Duration.ofSeconds(120);
    private static final Duration STEADY = Duration.ofSeconds(10);
    /** Orders issued this long after the heal still count for the fault: they meet the recovering stack. */
    private static final Duration AFTERMATH = Duration.ofSeconds(5);
    private static final int RATE_PER_SECOND = 10;
    /** Checkouts waiting for their answer at once, at most (a participant that is down holds every answer). */
    private static final int MAX_IN_FLIGHT = 600;
    private static final int ORDERS = 20_000;
    private static final String BASE_URL = "http://127.0.0.1:8081";

    private final StackLayout layout;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final StackDefinition stack;

    public ChaosCommand(StackLayout layout, Map<String, String> environment, PrintStream out) {
        this.layout = layout;
        this.environment = environment;
        this.out = out;
        this.stack = StackDefinition.load(layout, environment);
    }

    public int run() throws InterruptedException {
        if (!new PidRecords(layout.pids()).alive().isEmpty()) {
            out.println("chaos starts its own fresh stack: stop the running one first (make down).");
            return 1;
        }
        PartCommand parts = new PartCommand(layout, environment, out);
        // Ctrl-C must not leave a stack running behind, nor a part that was being restarted: the fresh stack is chaos's own
        Thread down = new Thread(() -> {
            parts.abandon();
            new DownCommand(layout, out).run();
        }, "chaos-down");
        Runtime.getRuntime().addShutdownHook(down);
        try {
            if (new UpCommand(layout, environment, out).run(true, true) != 0) {
                out.println("chaos: the stack did not start");
                return 1;
            }
            return runFaults(new StackControl(stack, parts));
        } finally {
            Runtime.getRuntime().removeShutdownHook(down);
            new DownCommand(layout, out).run();
        }
    }

    private int runFaults(StackControl control) throws InterruptedException {
        prepareOrders();
        OrderStates states = new OrderStates(BASE_URL);
        List<Row> rows = new ArrayList<>();
        try (CheckoutLoad load = new CheckoutLoad(BASE_URL, ORDERS, RATE_PER_SECOND, MAX_IN_FLIGHT)) {
            pause(STEADY);
            Instant phaseStart = load.started();
            for (Fault fault : Fault.all()) {
                Phase phase = runFault(fault, control, load, states, phaseStart);
                rows.add(phase.row());
                out.println(table(List.of(phase.row())));
                phaseStart = phase.end();
            }
        } catch (RuntimeException e) {
            out.println("chaos: the run stopped early: " + e.getMessage());
            out.println(table(rows));
            return 1;
        }
        out.println();
        out.printf("make chaos: %d checkouts/s of benchmark orders (POST /orders/checkout/{id}, each answered when its saga"
                + " ends); every accepted order must be PAID or REJECTED within %d s of the heal%n", RATE_PER_SECOND,
                SETTLE_BOUND.toSeconds());
        out.print(table(rows));
        boolean clean = rows.stream().allMatch(row -> row.lost() == 0 && row.duplicated() == 0 && row.consistent());
        out.println(clean ? "chaos: no order lost or duplicated, stores consistent after every fault"
                : "chaos: FAILED (see the rows above)");
        return clean ? 0 : 1;
    }

    /**
     * One fault: inject, keep, heal; then every order issued since the previous fault's end (phaseStart) until a few
     * seconds after the heal is followed to its end. Phases are contiguous, so every order issued counts once.
     */
    private Phase runFault(Fault fault, StackControl control, CheckoutLoad load, OrderStates states, Instant phaseStart)
            throws InterruptedException {
        out.println();
        StackControl.log(out, "fault: " + fault.name());
        List<String> broken = fault.injection().inject(control);
        // from here on the fault is in place: killing several parts one after the other takes a moment
        Instant injected = Instant.now();
        pause(fault.window());
        StackControl.log(out, "healing: starting " + String.join(", ", broken));
        control.start(broken);
        Instant healed = Instant.now();
        pause(AFTERMATH);
        Instant phaseEnd = Instant.now();

        List<CheckoutLoad.Checkout> checkouts = load.issuedBetween(phaseStart, phaseEnd);
        List<String> ids = checkouts.stream().map(CheckoutLoad.Checkout::orderId).toList();
        Map<String, String> first = states.awaitFinal(ids, Set.of(), Duration.ZERO);
        Set<String> accepted = checkouts.stream().filter(c -> accepted(c, first.get(c.orderId())))
                .map(CheckoutLoad.Checkout::orderId).collect(Collectors.toSet());
        Map<String, String> last = states.awaitFinal(ids, accepted, SETTLE_BOUND);
        Instant settled = Instant.now();
        checkouts = load.issuedBetween(phaseStart, phaseEnd);
        List<String> lost = new ArrayList<>();
        for (CheckoutLoad.Checkout checkout : checkouts) {
            String state = last.get(checkout.orderId());
            boolean contradicted = checkout.answer() == CheckoutLoad.Answer.PAID && !"PAID".equals(state)
                    || checkout.answer() == CheckoutLoad.Answer.REJECTED && !"REJECTED".equals(state);
            if (accepted.contains(checkout.orderId()) && (!OrderStates.FINAL.contains(state) || contradicted)) {
                lost.add(checkout.orderId() + " (" + checkout.answer() + ", now " + state + ")");
            }
        }
        lost.forEach(order -> StackControl.log(out, "LOST " + order));
        Set<String> duplicated = duplicated(ids);
        duplicated.forEach(order -> StackControl.log(out, "DUPLICATED " + order));
        ConsistencyCheck.Report consistency = consistency();
        consistency.differences().forEach(difference -> StackControl.log(out, "DIFFERENCE " + difference));

        long during = checkouts.stream().filter(c -> !c.issuedAt().isBefore(injected) && c.issuedAt().isBefore(healed)).count();
        long paid = ids.stream().filter(id -> "PAID".equals(last.get(id))).count();
        long rejected = ids.stream().filter(id -> "REJECTED".equals(last.get(id))).count();
        long notAccepted = checkouts.size() - accepted.size();
        Duration recovery = checkouts.stream()
                .filter(c -> c.answer() == CheckoutLoad.Answer.PAID && !c.issuedAt().isBefore(injected))
                .map(c -> Duration.between(injected, c.answeredAt()))
                .min(Duration::compareTo).orElse(null);
        return new Phase(new Row(fault.name(), checkouts.size(), during, paid, rejected, notAccepted, lost.size(),
                duplicated.size(), recovery, Duration.between(healed, settled), consistency.consistent()), phaseEnd);
    }

    private record Phase(Row row, Instant end) {
    }

    /** Accepted: answered (paid, rejected, still running) or still waiting, or unanswered but recorded (no longer OPEN). */
    static boolean accepted(CheckoutLoad.Checkout checkout, String state) {
        return switch (checkout.answer()) {
            case PAID, REJECTED, PENDING, IN_FLIGHT -> true;
            case REFUSED, NO_ANSWER -> !"OPEN".equals(state);
        };
    }

    private Set<String> duplicated(List<String> ids) {
        try {
            return new DuplicateCheck(stack::jdbcUrl, StackDefinition.DB_USER, StackDefinition.DB_PASSWORD).duplicated(ids);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stores for duplicates: " + e.getMessage(), e);
        }
    }

    private ConsistencyCheck.Report consistency() {
        try {
            return new ConsistencyCheck(stack::jdbcUrl, StackDefinition.DB_USER, StackDefinition.DB_PASSWORD).run();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run the consistency check: " + e.getMessage(), e);
        }
    }

    /** Items and users with far more stock and credit than the run can use, and the orders the clients check out. */
    private void prepareOrders() {
        post("/stock/batch_init/100/1000000/1");
        post("/payment/batch_init/1000/1000000");
        post("/orders/batch_init/" + ORDERS + "/100/1000/1");
        out.printf("%nchaos: %d orders of 2 items each ready; checking them out at %d per second%n", ORDERS, RATE_PER_SECOND);
    }

    private static void post(String path) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(BASE_URL + path))
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    static String table(List<Row> rows) {
        Table table = Table.withColumns("FAULT", "ORDERS", "DURING FAULT", "PAID", "REJECTED", "NOT ACCEPTED", "LOST",
                "DUPLICATED", "RECOVERED AFTER", "ALL FINAL AFTER HEAL", "CONSISTENCY");
        for (Row row : rows) {
            table.row(row.fault(), Long.toString(row.orders()), Long.toString(row.duringFault()), Long.toString(row.paid()),
                    Long.toString(row.rejected()), Long.toString(row.notAccepted()), Long.toString(row.lost()),
                    Long.toString(row.duplicated()), row.recovery() == null ? "never" : seconds(row.recovery()),
                    seconds(row.settle()), row.consistent() ? "consistent" : "INCONSISTENT");
        }
        return table.render();
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * One fault's result. duringFault: checkouts issued while the fault was in place (from the last part broken to the
     * last part healthy again); recovery: from then to the answer of the first checkout issued after it that was paid;
     * settle: from the heal until every accepted order of the phase was PAID or REJECTED.
     */
    record Row(String fault, long orders, long duringFault, long paid, long rejected, long notAccepted, long lost,
               long duplicated, Duration recovery, Duration settle, boolean consistent) {
    }
}

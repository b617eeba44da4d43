package io.bookstore.localstack.command;

import io.bookstore.localstack.process.LogFiles;
import io.bookstore.localstack.process.PidRecords;
import io.bookstore.localstack.process.Postmaster;
import io.bookstore.localstack.process.ProcessRecord;
import io.bookstore.localstack.process.ProcessSupervisor;
import io.bookstore.localstack.stack.Part;
import io.bookstore.localstack.stack.PartKind;
import io.bookstore.localstack.stack.PortClaim;
import io.bookstore.localstack.stack.StackDefinition;
import io.bookstore.localstack.stack.StackLayout;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * make up: checks ports, starts the infrastructure, then the services a few at a time, each polled until
 * healthy. In the foreground it stays until Ctrl-C and then stops everything; with --detach it returns once
 * all are healthy. A part that fails to get healthy stops the whole start-up.
 */
public final class UpCommand {

    /** Services started at once: each costs about 8 CPU-seconds to start, and the machine may have 2 cores. */
    static final int SERVICE_CONCURRENCY = 3;
    private static final int LOG_TAIL_LINES = 40;
    /** The exit code of a start-up cut short by Ctrl-C or SIGTERM (128 + SIGINT), as a shell reports it. */
    private static final int INTERRUPTED = 130;

    private final StackLayout layout;
    private final Map<String, String> environment;
    private final PrintStream out;

    public UpCommand(StackLayout layout, Map<String, String> environment, PrintStream out) {
        this.layout = layout;
        this.environment = environment;
        this.out = out;
    }

    public int run(boolean detach, boolean fresh) throws InterruptedException {
        Instant begun = Instant.now();
        PidRecords records = new PidRecords(layout.pids());
        if (alreadyRunning(records)) {
            return 1;
        }
        records.readAll().forEach(stale -> records.delete(stale.name()));
        if (fresh) {
            StackData.wipe(layout);
            out.println("Wiped " + layout.root().relativize(layout.data()) + "/ (--fresh): ZooKeeper, Kafka and PostgreSQL start empty.");
        }
        StackDefinition stack = StackDefinition.load(layout, environment);
        if (!buildPresent(stack) || !portsFree(stack)) {
            return 1;
        }

        LogFiles logs = new LogFiles(layout.logs());
        logs.resetStackFile();
        ProcessSupervisor supervisor = new ProcessSupervisor(layout, records, logs);
        Thread stopOnExit = new Thread(() -> supervisor.stopAll(out), "local-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);

        Startup startup = new Startup(supervisor, logs, out, begun);
        List<Part> infrastructure = stack.infrastructure();
        out.println("Starting infrastructure: " + names(infrastructure));
        List<Outcome> outcomes = new ArrayList<>(startup.start(infrastructure, infrastructure.size()));
        if (supervisor.isStopping()) {
            return INTERRUPTED;
        }
        if (failed(outcomes, logs) || !oneZooKeeperLeader(outcomes)) {
            supervisor.stopAll(out);
            return 1;
        }
        List<Part> services = stack.services();
        out.println("Starting services, " + SERVICE_CONCURRENCY + " at a time: " + names(services));
        outcomes.addAll(startup.start(services, SERVICE_CONCURRENCY));
        if (supervisor.isStopping()) {
            return INTERRUPTED;
        }
        if (failed(outcomes, logs)) {
            supervisor.stopAll(out);
            return 1;
        }

        out.println();
        out.print(summary(stack, outcomes));
        out.printf("%nAll %d parts healthy in %.1f s. Logs: logs/<name>.log; what each was started with: logs/stack.txt%n",
                outcomes.size(), Duration.between(begun, Instant.now()).toMillis() / 1000.0);
        if (detach) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            out.println("Running detached: make status shows it, make down stops it.");
            return 0;
        }
        out.println("Running in the foreground: Ctrl-C stops everything (so does make down from another shell).");
        awaitAllExited(supervisor);
        if (supervisor.isStopping()) {
            return INTERRUPTED;
        }
        out.println("Every part of the stack has exited (make down from another shell, or each one crashed).");
        return 0;
    }

    private boolean alreadyRunning(PidRecords records) {
        List<ProcessRecord> alive = records.alive();
        if (!alive.isEmpty()) {
            out.println("The local stack is already running ("
                    + alive.stream().map(r -> r.name() + " pid " + r.pid()).collect(Collectors.joining(", "))
                    + "). See make status; stop it with make down.");
            return true;
        }
        Optional<ProcessHandle> postmaster = Postmaster.running(layout.postgresData());
        if (postmaster.isPresent()) {
            out.println("A PostgreSQL server from an earlier run still uses " + layout.root().relativize(layout.postgresData())
                    + " (pid " + postmaster.get().pid() + "). Stop it with make down.");
            return true;
        }
        return false;
    }

    private boolean buildPresent(StackDefinition stack) {
        List<Path> missing = stack.serviceJars().stream().filter(jar -> !Files.isRegularFile(jar)).toList();
        missing.forEach(jar -> out.println("Missing " + layout.root().relativize(jar) + ": run make build."));
        return missing.isEmpty();
    }

    private boolean portsFree(StackDefinition stack) {
        List<PortClaim> busy = PortCheck.busy(stack.portClaims());
        busy.forEach(claim -> out.println("Cannot start: " + claim + " is already in use."));
        if (!busy.isEmpty()) {
            out.println("Nothing was started. Free the port(s) (ss -ltnp shows who holds them) or stop the other stack with make down.");
        }
        return busy.isEmpty();
    }

    private boolean failed(List<Outcome> outcomes, LogFiles logs) {
        List<Outcome> failures = outcomes.stream().filter(o -> o.result() == Outcome.Result.FAILED).toList();
        for (Outcome failure : failures) {
            String name = failure.part().name();
            out.println();
            out.println("FAILED: " + name + " " + failure.reason());
            out.println("---- last " + LOG_TAIL_LINES + " lines of logs/" + name + ".log ----");
            logs.tail(name, LOG_TAIL_LINES).forEach(out::println);
            out.println("---- end of logs/" + name + ".log ----");
        }
        return !failures.isEmpty();
    }

    private boolean oneZooKeeperLeader(List<Outcome> outcomes) {
        List<String> leaders = outcomes.stream()
                .filter(o -> o.part().kind() == PartKind.ZOOKEEPER)
                .filter(o -> o.health().detail().equals("leader"))
                .map(o -> o.part().name())
                .toList();
        if (leaders.size() != 1) {
            out.println("FAILED: the ZooKeeper ensemble should have exactly one leader, found " + leaders);
            return false;
        }
        return true;
    }

    static String summary(StackDefinition stack, List<Outcome> outcomes) {
        Table table = Table.withColumns("NAME", "PID", "ENDPOINT", "HEALTH", "HAWTIO");
        for (Outcome outcome : outcomes) {
            Part part = outcome.part();
            String health = outcome.health().detail().equals("UP") ? "UP" : "UP (" + outcome.health().detail() + ")";
            table.row(part.name(), Long.toString(outcome.pid()), part.endpoint(), health, part.hawtio().orElse(""));
        }
        String leader = outcomes.stream()
                .filter(o -> o.health().detail().equals("leader"))
                .map(o -> o.part().name())
                .findFirst().orElse("none");
        return table.render()
                + "\nCheckout:    http://localhost:8081/checkout\n"
                + "Kafka:       " + stack.kafkaBootstrapServers() + "\n"
                + "ZooKeeper:   " + stack.zookeeperConnect() + " (leader: " + leader + ")\n"
                + "PostgreSQL:  " + stack.jdbcUrl("<database>") + " (user " + StackDefinition.DB_USER
                + ", password " + StackDefinition.DB_PASSWORD + "; databases " + String.join(", ", StackDefinition.DATABASES) + ")\n";
    }

    /** Reports every child that exits while the stack runs (a crash, a chaos kill) and returns once none is left. */
    private void awaitAllExited(ProcessSupervisor supervisor) throws InterruptedException {
        Map<String, Process> processes = supervisor.processes();
        CountDownLatch allExited = new CountDownLatch(processes.size());
        processes.forEach((name, process) -> process.onExit().thenRun(() -> {
            if (!supervisor.isStopping()) {
                out.printf("  %s (pid %d) exited with code %d%n", name, process.pid(), process.exitValue());
            }
            allExited.countDown();
        }));
        allExited.await();
    }

    private static String names(List<Part> parts) {
        return parts.stream().map(Part::name).collect(Collectors.joining(", "));
    }
}

package io.bookstore.localstack.command;

import io.bookstore.localstack.process.LogFiles;
import io.bookstore.localstack.process.PidRecords;
import io.bookstore.localstack.process.Postmaster;
import io.bookstore.localstack.process.ProcessRecord;
import io.bookstore.localstack.process.ProcessSupervisor;
import io.bookstore.localstack.process.StackStopper;
import io.bookstore.localstack.stack.Part;
import io.bookstore.localstack.stack.PartKind;
import io.bookstore.localstack.stack.StackDefinition;
import io.bookstore.localstack.stack.StackLayout;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One part of a running stack, by name: start (it, alone, until healthy; it then runs on detached like make up
 * DETACH=1), stop (SIGTERM, SIGKILL after its grace; PostgreSQL's server too) or kill (SIGKILL at once, as a crash).
 * What make chaos injects its faults with, and what an operator restarts a crashed part with.
 */
public final class PartCommand {

    private final StackLayout layout;
    private final StackDefinition stack;
    private final PidRecords records;
    private final PrintStream out;
    private final ProcessSupervisor supervisor;

    public PartCommand(StackLayout layout, Map<String, String> environment, PrintStream out) {
        this.layout = layout;
        this.stack = StackDefinition.load(layout, environment);
        this.records = new PidRecords(layout.pids());
        this.out = out;
        this.supervisor = new ProcessSupervisor(layout, records, new LogFiles(layout.logs()));
    }

    /** Stops what this command started and refuses to start more: a start still running when the JVM is told to exit. */
    public void abandon() {
        supervisor.stopAll(out);
    }

    /** Starts the named parts, each until healthy: infrastructure first, in order; 0 when all are healthy, 1 otherwise. */
    public int start(List<String> names) throws InterruptedException {
        List<Part> parts = new ArrayList<>();
        for (String name : names) {
            Part part = part(name);
            if (running(part)) {
                out.println(name + " is already running (see make status)");
                continue;
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            return 0;
        }
        Startup startup = new Startup(supervisor, new LogFiles(layout.logs()), out, Instant.now());
        // infrastructure one by one, in the order given; then the services a few at a time, as make up does
        List<Outcome> outcomes = new ArrayList<>(startup.start(
                parts.stream().filter(part -> part.kind() != PartKind.SERVICE).toList(), 1));
        if (outcomes.stream().allMatch(outcome -> outcome.result() == Outcome.Result.HEALTHY)) {
            outcomes.addAll(startup.start(parts.stream().filter(part -> part.kind() == PartKind.SERVICE).toList(),
                    UpCommand.SERVICE_CONCURRENCY));
        }
        List<Outcome> failed = outcomes.stream().filter(outcome -> outcome.result() != Outcome.Result.HEALTHY).toList();
        failed.forEach(outcome -> out.println("FAILED: " + outcome.part().name() + " " + outcome.reason()
                + " (see logs/" + outcome.part().name() + ".log)"));
        return failed.isEmpty() ? 0 : 1;
    }

    /** Stops the named parts gracefully; stopping PostgreSQL's keeper also stops the server it started. */
    public int stop(List<String> names) {
        for (String name : names) {
            Part part = part(name);
            Optional<ProcessRecord> record = record(name);
            record.ifPresent(r -> new StackStopper(records, out).stop(List.of(r)));
            if (part.kind() == PartKind.POSTGRES) {
                StackStopper.stopPostmaster(layout.postgresData(), out);
            }
            if (record.isEmpty()) {
                out.println(name + " was not running");
            }
        }
        return 0;
    }

    /** SIGKILL, no grace: the part crashes. Its pid record stays, so make status shows it dead. */
    public int kill(List<String> names) {
        for (String name : names) {
            part(name);
            Optional<ProcessHandle> process = record(name).flatMap(PidRecords::live);
            if (process.isEmpty()) {
                out.println(name + " was not running");
                continue;
            }
            process.get().destroyForcibly();
            process.get().onExit().join();
            out.println("killed " + name + " (pid " + process.get().pid() + ", SIGKILL)");
        }
        return 0;
    }

    private boolean running(Part part) {
        boolean recorded = record(part.name()).flatMap(PidRecords::live).isPresent();
        return recorded || (part.kind() == PartKind.POSTGRES && Postmaster.running(layout.postgresData()).isPresent());
    }

    private Optional<ProcessRecord> record(String name) {
        return records.readAll().stream().filter(record -> record.name().equals(name)).findFirst();
    }

    private Part part(String name) {
        return stack.all().stream().filter(part -> part.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no part named " + name + "; the parts are "
                        + String.join(", ", stack.all().stream().map(Part::name).toList())));
    }
}

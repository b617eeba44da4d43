package io.bookstore.localstack.command;

import io.bookstore.localstack.health.Health;
import io.bookstore.localstack.health.HealthProbe;
import io.bookstore.localstack.health.LeaderProbe;
import io.bookstore.localstack.process.PidRecords;
import io.bookstore.localstack.process.Postmaster;
import io.bookstore.localstack.process.ProcessRecord;
import io.bookstore.localstack.stack.Part;
import io.bookstore.localstack.stack.PartKind;
import io.bookstore.localstack.stack.StackDefinition;
import io.bookstore.localstack.stack.StackLayout;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** make status: every part with its pid, whether that process is alive, and what its health check says now. */
public final class StatusCommand {

    private final StackLayout layout;
    private final Map<String, String> environment;
    private final PrintStream out;

    public StatusCommand(StackLayout layout, Map<String, String> environment, PrintStream out) {
        this.layout = layout;
        this.environment = environment;
        this.out = out;
    }

    /** 0 when every part runs and is healthy, 1 otherwise. */
    public int run() {
        StackDefinition stack = StackDefinition.load(layout, environment);
        Map<String, ProcessRecord> records = new PidRecords(layout.pids()).readAll().stream()
                .collect(Collectors.toMap(ProcessRecord::name, Function.identity()));
        Table table = Table.withColumns("NAME", "PID", "PROCESS", "HEALTH", "DETAIL", "ENDPOINT");
        boolean allHealthy = true;
        for (Part part : stack.all()) {
            ProcessRecord record = records.get(part.name());
            String process = record == null ? "not started" : PidRecords.live(record).isPresent() ? "alive" : "dead";
            Health health;
            try (HealthProbe probe = part.probe().get()) {
                health = probe.check();
            }
            table.row(part.name(), record == null ? "-" : Long.toString(record.pid()), process, health.status(),
                    detail(part, health), part.endpoint());
            allHealthy &= process.equals("alive") && health.up();
        }
        out.print(table.render());
        if (records.isEmpty()) {
            out.println("The local stack is not running (make up starts it).");
        }
        return allHealthy ? 0 : 1;
    }

    private String detail(Part part, Health health) {
        if (part.name().startsWith("order-executor") && health.up()) {
            String role = LeaderProbe.role(part.ports().get(0).port());
            return role.isEmpty() ? health.detail() : role;
        }
        if (part.kind() != PartKind.POSTGRES) {
            return health.detail();
        }
        Optional<ProcessHandle> postmaster = Postmaster.running(layout.postgresData());
        return health.detail() + postmaster.map(p -> ", postmaster pid " + p.pid()).orElse("");
    }
}

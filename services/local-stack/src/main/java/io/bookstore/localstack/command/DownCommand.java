package io.bookstore.localstack.command;

import io.bookstore.localstack.process.PidRecords;
import io.bookstore.localstack.process.Postmaster;
import io.bookstore.localstack.process.ProcessRecord;
import io.bookstore.localstack.process.StackStopper;
import io.bookstore.localstack.stack.StackLayout;
import java.io.PrintStream;
import java.util.List;

/** make down: stops every recorded process (and a PostgreSQL server its keeper left behind); the data stays. */
public final class DownCommand {

    private final StackLayout layout;
    private final PrintStream out;

    public DownCommand(StackLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public int run() {
        PidRecords records = new PidRecords(layout.pids());
        List<ProcessRecord> recorded = records.readAll();
        boolean postmasterRunning = Postmaster.running(layout.postgresData()).isPresent();
        if (recorded.isEmpty() && !postmasterRunning) {
            out.println("Nothing to stop: the local stack is not running.");
            return 0;
        }
        out.println("Stopping the local stack...");
        new StackStopper(records, out).stop(recorded);
        StackStopper.stopPostmaster(layout.postgresData(), out);
        out.println("Stopped. The data stays in " + layout.root().relativize(layout.data()) + "/ (make clean-data wipes it).");
        return 0;
    }
}

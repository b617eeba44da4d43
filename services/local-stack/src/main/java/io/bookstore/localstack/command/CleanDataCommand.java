package io.bookstore.localstack.command;

import io.bookstore.localstack.process.PidRecords;
import io.bookstore.localstack.process.Postmaster;
import io.bookstore.localstack.stack.StackLayout;
import java.io.PrintStream;

/** make clean-data: wipes .local/ (all ZooKeeper, Kafka and PostgreSQL data); refused while the stack runs. */
public final class CleanDataCommand {

    private final StackLayout layout;
    private final PrintStream out;

    public CleanDataCommand(StackLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    public int run() {
        if (!new PidRecords(layout.pids()).alive().isEmpty() || Postmaster.running(layout.postgresData()).isPresent()) {
            out.println("The local stack is running: make down first.");
            return 1;
        }
        StackData.wipe(layout);
        out.println("Wiped " + layout.root().relativize(layout.data()) + "/: the next make up starts with empty ZooKeeper, Kafka and PostgreSQL.");
        return 0;
    }
}

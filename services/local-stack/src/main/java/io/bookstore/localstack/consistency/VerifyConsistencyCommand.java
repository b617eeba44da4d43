package io.bookstore.localstack.consistency;

import io.bookstore.localstack.stack.StackDefinition;
import io.bookstore.localstack.stack.StackLayout;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Map;

/** make verify-consistency: the invariant checker against the running stack's databases. */
public final class VerifyConsistencyCommand {

    private final StackDefinition stack;
    private final PrintStream out;

    public VerifyConsistencyCommand(StackLayout layout, Map<String, String> environment, PrintStream out) {
        this.stack = StackDefinition.load(layout, environment);
        this.out = out;
    }

    public int run() {
        ConsistencyCheck.Report report;
        try {
            report = new ConsistencyCheck(stack::jdbcUrl, StackDefinition.DB_USER, StackDefinition.DB_PASSWORD).run();
        } catch (SQLException e) {
            out.println("verify-consistency: cannot read the stores (is the stack up?): " + e.getMessage());
            return 2;
        }
        out.printf("checked %d paid and %d rejected checkouts (%d still running; %d of orders batch_init replaced, "
                + "%d earlier attempts of orders checked out again)%n", report.paid(), report.rejected(), report.pending(),
                report.replaced(), report.otherAttempts());
        report.differences().forEach(difference -> out.println("  DIFFERENCE " + difference));
        out.println(report.consistent() ? "consistent: every paid order moved its stock and money exactly once, "
                + "no rejected order moved any" : report.differences().size() + " differences");
        return report.consistent() ? 0 : 1;
    }
}

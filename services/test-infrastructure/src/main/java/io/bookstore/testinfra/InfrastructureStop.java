package io.bookstore.testinfra;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * When the last test of the JVM has run, closes the Spring test contexts and then stops the servers they use.
 * Left to the JVM's shutdown hooks, which run concurrently, PostgreSQL (its own hook) and Kafka (whose test kit
 * deletes its log directories in a hook) went away while Spring's hook was still closing the cached contexts: their
 * Kafka consumers and connection pools waited out their timeouts on servers already gone, and Surefire killed the
 * fork after 30 s.
 */
public class InfrastructureStop implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        try {
            SpringTestContexts.closeAll();
        } finally {
            TestInfrastructure.stopShared();
        }
    }
}

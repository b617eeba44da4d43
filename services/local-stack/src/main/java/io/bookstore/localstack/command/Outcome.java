package io.bookstore.localstack.command;

import io.bookstore.localstack.health.Health;
import io.bookstore.localstack.stack.Part;

/** How starting one part ended. */
record Outcome(Part part, Result result, long pid, Health health, String reason) {

    enum Result { HEALTHY, FAILED, SKIPPED }

    static Outcome healthy(Part part, long pid, Health health) {
        return new Outcome(part, Result.HEALTHY, pid, health, "");
    }

    static Outcome failed(Part part, String reason) {
        return new Outcome(part, Result.FAILED, -1, Health.down(reason), reason);
    }

    static Outcome skipped(Part part) {
        return new Outcome(part, Result.SKIPPED, -1, Health.down("not started"), "not started");
    }

    boolean isHealthy() {
        return result == Result.HEALTHY;
    }
}

package io.bookstore.localstack.process;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

final class ProcessExits {

    private ProcessExits() {
    }

    /** Waits up to the timeout for the process to end; true when it has. */
    static boolean await(ProcessHandle handle, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return !handle.isAlive();
        }
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}

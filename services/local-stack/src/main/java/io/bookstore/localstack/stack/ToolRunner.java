package io.bookstore.localstack.stack;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a one-off command to completion, its output appended to a part's log. */
@FunctionalInterface
public interface ToolRunner {

    void run(String part, List<String> command, Duration deadline) throws IOException, InterruptedException;
}

package io.bookstore.executor.sagalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A step a saga enlisted: the endpoints that undo and complete it, and its options' values as they were when the
 * step began (they become the headers of the compensation or completion exchange).
 */
public record EnlistedStep(int seq, String compensationUri, String completionUri, Map<String, String> options) {

    public Optional<String> endpointFor(SagaEnding ending) {
        return Optional.ofNullable(ending == SagaEnding.COMPENSATE ? compensationUri : completionUri);
    }

    /** Whether this is the step with these endpoints and option values. */
    public boolean is(String compensation, String completion, Map<String, String> values) {
        return Objects.equals(compensationUri, compensation) && Objects.equals(completionUri, completion)
                && options.equals(values);
    }
}

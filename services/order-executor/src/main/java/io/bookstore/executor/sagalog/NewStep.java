package io.bookstore.executor.sagalog;

import java.util.Map;
import java.util.TreeMap;

/** A step about to be enlisted: the endpoints that undo and complete it, and its options' values as the step begins. */
public record NewStep(String compensationUri, String completionUri, Map<String, String> options) {

    public NewStep {
        options = new TreeMap<>(options);
    }

    EnlistedStep enlistedAs(int seq) {
        return new EnlistedStep(seq, compensationUri, completionUri, options);
    }
}

package io.bookstore.localstack.stack;

import java.time.Duration;

/** What a part is; declared in the order the stack stops, each with how long it may take to stop gracefully. */
public enum PartKind {
    SERVICE(Duration.ofSeconds(20)),
    KAFKA(Duration.ofSeconds(30)),
    ZOOKEEPER(Duration.ofSeconds(10)),
    POSTGRES(Duration.ofSeconds(20));

    private final Duration stopGrace;

    PartKind(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    public Duration stopGrace() {
        return stopGrace;
    }
}

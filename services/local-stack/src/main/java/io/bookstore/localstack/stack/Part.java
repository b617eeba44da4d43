package io.bookstore.localstack.stack;

import io.bookstore.localstack.health.HealthProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One process of the stack: how to prepare and start it, the ports it claims, how to tell it is healthy
 * and how long it may take to get there.
 */
public record Part(
        String name,
        PartKind kind,
        List<String> command,
        Map<String, String> environment,
        List<PortClaim> ports,
        Preparation preparation,
        Supplier<HealthProbe> probe,
        Duration startDeadline,
        String endpoint,
        Optional<String> hawtio) {

    public Part {
        command = List.copyOf(command);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        ports = List.copyOf(ports);
    }
}

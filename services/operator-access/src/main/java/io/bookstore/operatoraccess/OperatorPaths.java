package io.bookstore.operatoraccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which request paths are the operators': everything under the actuator's base path but its health endpoint, and
 * Hawtio and Jolokia wherever they are served (under the actuator, or at the root when the base path is "/").
 */
final class OperatorPaths {

    private final List<String> guarded;
    private final String health;

    private OperatorPaths(List<String> guarded, String health) {
        this.guarded = guarded;
        this.health = health;
    }

    static OperatorPaths of(String actuatorBasePath) {
        String base = actuatorBasePath.replaceAll("/+$", "");
        List<String> guarded = new ArrayList<>(List.of("/hawtio", "/jolokia"));
        if (base.isEmpty()) {
            guarded.addAll(List.of("/prometheus", "/metrics", "/info", "/env", "/configprops", "/beans", "/loggers",
                    "/heapdump", "/threaddump", "/mappings", "/camelroutes"));
        } else {
            guarded.add(base);
        }
        return new OperatorPaths(List.copyOf(guarded), base + "/health");
    }

    boolean guards(String path) {
        // Spring MVC matches case-sensitively, but a case-insensitive check costs nothing and misses nothing
        String normalised = path.toLowerCase(Locale.ROOT).replaceAll("/{2,}", "/");
        if (under(normalised, health)) {
            return false;
        }
        return guarded.stream().anyMatch(prefix -> under(normalised, prefix));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ";");
    }
}

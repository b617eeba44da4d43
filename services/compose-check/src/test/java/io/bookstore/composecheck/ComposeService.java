package io.bookstore.composecheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** One service of docker-compose.yml, as compose reads it (after YAML anchors and merge keys are resolved). */
record ComposeService(String name, Map<String, Object> definition) {

    /** A port published on the host; hostPort and containerPort with compose variables already replaced. */
    record PublishedPort(String hostIp, String hostPort, String containerPort, String protocol) {
    }

    /** A volume or bind mount: source is a path for a bind mount ("./zookeeper/..."), else a volume name. */
    record Mount(String source, String target) {

        boolean isBind() {
            return source.startsWith(".") || source.startsWith("/");
        }
    }

    Optional<String> image() {
        return Optional.ofNullable((String) definition.get("image"));
    }

    Optional<Map<String, Object>> build() {
        return Optional.ofNullable(map(definition.get("build")));
    }

    /** The Maven module a built service runs: its build argument MODULE. */
    Optional<String> module() {
        return build().map(build -> map(build.get("args"))).map(args -> (String) args.get("MODULE"));
    }

    Map<String, String> environment() {
        return keyValues(definition.get("environment"));
    }

    List<PublishedPort> publishedPorts(UnaryOperator<String> interpolate) {
        List<PublishedPort> ports = new ArrayList<>();
        for (Object entry : list(definition.get("ports"))) {
            if (entry instanceof Map<?, ?> longSyntax) {
                Object published = longSyntax.get("published");
                if (published != null) {
                    ports.add(new PublishedPort(
                            String.valueOf(longSyntax.get("host_ip") == null ? "0.0.0.0" : longSyntax.get("host_ip")),
                            interpolate.apply(String.valueOf(published)),
                            String.valueOf(longSyntax.get("target")),
                            String.valueOf(longSyntax.get("protocol") == null ? "tcp" : longSyntax.get("protocol"))));
                }
                continue;
            }
            String spec = interpolate.apply(String.valueOf(entry));
            String protocol = "tcp";
            int slash = spec.indexOf('/');
            if (slash >= 0) {
                protocol = spec.substring(slash + 1);
                spec = spec.substring(0, slash);
            }
            String[] parts = spec.split(":");
            switch (parts.length) {
                case 2 -> ports.add(new PublishedPort("0.0.0.0", parts[0], parts[1], protocol));
                case 3 -> ports.add(new PublishedPort(parts[0], parts[1], parts[2], protocol));
                default -> {
                    // only a container port: published on a random host port, so it cannot collide
                }
            }
        }
        return ports;
    }

    /** The container ports other containers may reach: those published and those in expose. */
    List<String> containerPorts(UnaryOperator<String> interpolate) {
        List<String> ports = new ArrayList<>();
        publishedPorts(interpolate).forEach(port -> ports.add(port.containerPort()));
        list(definition.get("expose")).forEach(port -> ports.add(String.valueOf(port)));
        return ports;
    }

    List<Mount> mounts() {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : list(definition.get("volumes"))) {
            if (entry instanceof Map<?, ?> longSyntax) {
                mounts.add(new Mount(String.valueOf(longSyntax.get("source")), String.valueOf(longSyntax.get("target"))));
            } else {
                String[] parts = String.valueOf(entry).split(":");
                if (parts.length >= 2) {
                    mounts.add(new Mount(parts[0], parts[1]));
                }
            }
        }
        return mounts;
    }

    boolean hasHealthcheck() {
        Map<String, Object> healthcheck = map(definition.get("healthcheck"));
        return healthcheck != null && healthcheck.get("test") != null && !Boolean.TRUE.equals(healthcheck.get("disable"));
    }

    /** Each service this one waits for, with the condition (compose's default for the list form: service_started). */
    Map<String, String> dependsOn() {
        Object dependsOn = definition.get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof Map<?, ?> longSyntax) {
            longSyntax.forEach((service, options) -> {
                Map<String, Object> settings = map(options);
                Object condition = settings == null ? null : settings.get("condition");
                conditions.put(String.valueOf(service), condition == null ? "service_started" : String.valueOf(condition));
            });
        } else {
            list(dependsOn).forEach(service -> conditions.put(String.valueOf(service), "service_started"));
        }
        return conditions;
    }

    Optional<Integer> replicas() {
        Map<String, Object> deploy = map(definition.get("deploy"));
        Object replicas = deploy == null ? null : deploy.get("replicas");
        return Optional.ofNullable(replicas).map(value -> Integer.valueOf(String.valueOf(value)));
    }

    private static Map<String, String> keyValues(Object entries) {
        Map<String, String> values = new LinkedHashMap<>();
        if (entries instanceof Map<?, ?> map) {
            map.forEach((key, value) -> values.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else {
            for (Object entry : list(entries)) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                values.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}

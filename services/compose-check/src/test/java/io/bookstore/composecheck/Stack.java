package io.bookstore.composecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml, .env.template and the Maven modules of one checkout of the repository, read once. */
final class Stack {

    static final String COMPOSE_FILE = "docker-compose.yml";
    static final String ENV_TEMPLATE = ".env.template";

    /**
     * A compose variable: ${NAME}, ${NAME:-default}, ${NAME?error}, ... or $NAME; never $$ (compose's escape for a
     * literal $, which the container's shell reads).
     */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)[^}]*}|([A-Za-z_][A-Za-z0-9_]*))");

    private final Path root;
    private final Map<String, Object> compose;
    private final Map<String, ComposeService> services = new LinkedHashMap<>();
    private final EnvTemplate template;
    private final MavenModules modules;

    private Stack(Path root) {
        this.root = root;
        this.compose = new Yaml().load(read(root.resolve(COMPOSE_FILE)));
        Map<String, Object> definitions = ComposeService.map(compose.get("services"));
        if (definitions != null) {
            definitions.forEach((name, definition) -> services.put(name, new ComposeService(name, ComposeService.map(definition))));
        }
        this.template = EnvTemplate.parse(lines(root.resolve(ENV_TEMPLATE)));
        this.modules = new MavenModules(root);
    }

    static Stack load(Path root) {
        return new Stack(root.toAbsolutePath().normalize());
    }

    /** The repository this test runs in (set by surefire; the module's directory's grandparent otherwise). */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("repository.root", "../..")).toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Map<String, ComposeService> services() {
        return services;
    }

    /** The services built from this repository (those with a MODULE build argument). */
    List<ComposeService> builtServices() {
        return services.values().stream().filter(service -> service.module().isPresent()).toList();
    }

    EnvTemplate template() {
        return template;
    }

    MavenModules modules() {
        return modules;
    }

    /** Every variable docker-compose.yml uses (in its keys and values; compose reads none in comments). */
    Set<String> composeVariables() {
        Set<String> variables = new LinkedHashSet<>();
        collectVariables(compose, variables);
        return variables;
    }

    /** A value with its compose variables replaced by their .env.template values ("" when a variable is not there). */
    String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String replacement = template.value(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement == null ? "" : replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static void collectVariables(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                collectVariables(key, into);
                collectVariables(value, into);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectVariables(item, into));
        } else if (node instanceof String text) {
            Matcher matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                into.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

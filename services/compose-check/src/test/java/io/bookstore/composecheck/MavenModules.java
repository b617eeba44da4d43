package io.bookstore.composecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The repository's Maven modules: what each one reads from the environment, itself or through its project deps. */
final class MavenModules {

    /** ${NAME} or ${NAME:default} with an upper-case NAME: an environment variable (Spring properties are lower-case). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\"([A-Z][A-Z0-9_]*)\"\\)");
    private static final String GROUP_ID = "io.bookstore";

    private final Path root;
    private final Map<String, Path> directoryByArtifactId = new HashMap<>();

    MavenModules(Path root) {
        this.root = root;
        index(root);
    }

    /** Every module of the reactor, from the root pom's modules down. */
    private void index(Path directory) {
        Element project = read(directory.resolve("pom.xml")).getDocumentElement();
        directoryByArtifactId.put(text(project, "artifactId"), directory);
        for (Element module : children(child(project, "modules"), "module")) {
            index(directory.resolve(module.getTextContent().strip()).normalize());
        }
    }

    Path directory(String module) {
        return root.resolve("services").resolve(module);
    }

    boolean exists(String module) {
        return Files.isRegularFile(directory(module).resolve("pom.xml"));
    }

    /** Every environment variable the module's main code and resources read, and those of the project modules it uses. */
    Set<String> variablesRead(String module) {
        Set<String> variables = new TreeSet<>();
        for (Path directory : withProjectDependencies(directory(module))) {
            for (String folder : List.of("src/main/resources", "src/main/java")) {
                textFiles(directory.resolve(folder)).forEach(text -> {
                    collect(PLACEHOLDER.matcher(text), variables);
                    collect(GETENV.matcher(text), variables);
                });
            }
        }
        return variables;
    }

    /** The text of the module's own application.yaml (or .yml), empty when it has none. */
    String applicationYaml(String module) {
        Path resources = directory(module).resolve("src/main/resources");
        return Stream.of("application.yaml", "application.yml").map(resources::resolve).filter(Files::isRegularFile)
                .findFirst().map(MavenModules::readString).orElse("");
    }

    boolean hasProfile(String module, String profile) {
        Path resources = directory(module).resolve("src/main/resources");
        return Stream.of("yaml", "yml", "properties")
                .anyMatch(extension -> Files.isRegularFile(resources.resolve("application-" + profile + "." + extension)));
    }

    /** The database the module's DB_URL placeholder defaults to, e.g. stock for ${DB_URL:jdbc:postgresql://localhost:5432/stock}. */
    Optional<String> defaultDatabase(String module) {
        Matcher matcher = Pattern.compile("\\$\\{DB_URL:jdbc:postgresql://[^/}]+/([A-Za-z0-9_]+)").matcher(applicationYaml(module));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Java sources of every module: for the meter names the services register. */
    List<String> mainJavaSources() {
        return directoryByArtifactId.values().stream().flatMap(directory -> textFiles(directory.resolve("src/main/java"))).toList();
    }

    private Set<Path> withProjectDependencies(Path module) {
        Set<Path> seen = new LinkedHashSet<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(module));
        while (!pending.isEmpty()) {
            Path directory = pending.pop();
            if (!seen.add(directory)) {
                continue;
            }
            Element project = read(directory.resolve("pom.xml")).getDocumentElement();
            for (Element dependency : children(child(project, "dependencies"), "dependency")) {
                String scope = text(dependency, "scope");
                boolean used = scope == null || scope.equals("compile") || scope.equals("runtime");
                Path dependencyDirectory = directoryByArtifactId.get(text(dependency, "artifactId"));
                if (used && GROUP_ID.equals(text(dependency, "groupId")) && dependencyDirectory != null) {
                    pending.push(dependencyDirectory);
                }
            }
            parentDirectory(directory, project).ifPresent(pending::push);
        }
        return seen;
    }

    /** The parent pom's directory when the parent is a module of this repository (its dependencies are inherited). */
    private Optional<Path> parentDirectory(Path directory, Element project) {
        Element parent = child(project, "parent");
        if (parent == null || !GROUP_ID.equals(text(parent, "groupId"))) {
            return Optional.empty();
        }
        String relativePath = text(parent, "relativePath");
        Path pom = directory.resolve(relativePath == null ? "../pom.xml" : relativePath).normalize();
        return Optional.of(Files.isDirectory(pom) ? pom : pom.getParent()).filter(path -> Files.isRegularFile(path.resolve("pom.xml")));
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static Stream<String> textFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().matches(".*\\.(java|ya?ml|properties|xml|sql|json)$"))
                    .map(MavenModules::readString).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document read(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + pom, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Element child(Element parent, String name) {
        return children(parent, name).stream().findFirst().orElse(null);
    }

    private static List<Element> children(Element parent, String name) {
        if (parent == null) {
            return List.of();
        }
        NodeList nodes = parent.getChildNodes();
        return IntStream.range(0, nodes.getLength()).mapToObj(nodes::item)
                .filter(node -> node.getNodeType() == Node.ELEMENT_NODE && node.getNodeName().equals(name))
                .map(Element.class::cast).toList();
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.bookstore.localstack.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where everything of the local stack lives, relative to the repository root. */
public record StackLayout(Path root) {

    public StackLayout {
        root = root.toAbsolutePath().normalize();
    }

    public static StackLayout fromWorkingDirectory() {
        Path root = Path.of(System.getProperty("user.dir"));
        if (!Files.isRegularFile(root.resolve("services/local-stack/pom.xml"))) {
            throw new IllegalStateException("run the launcher from the repository root (make up), not from " + root);
        }
        return new StackLayout(root);
    }

    /** Git-ignored: data, generated configs and pid records. Survives down/up; wiped by clean-data and up --fresh. */
    public Path data() {
        return root.resolve(".local");
    }

    public Path pids() {
        return data().resolve("pids");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path zookeeperSourceConfigs() {
        return root.resolve("zookeeper/local");
    }

    public Path zookeeperData() {
        return data().resolve("zookeeper");
    }

    public Path kafkaData() {
        return data().resolve("kafka");
    }

    public Path postgresData() {
        return data().resolve("postgres");
    }

    public Path routes() {
        return root.resolve("routes");
    }

    public Path serviceJar(String module, String version) {
        return root.resolve("services").resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    /** The launcher's own classes (log settings, the PostgreSQL keeper) and the server jars Maven copied beside them. */
    public String infrastructureClasspath() {
        Path module = root.resolve("services/local-stack/target");
        return module.resolve("classes") + ":" + module.resolve("lib") + "/*";
    }

    public String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package io.bookstore.localstack.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperNodeTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private static final String CONFIG = """
            tickTime=500
            dataDir=.local/zookeeper/2
            clientPort=2182
            server.1=127.0.0.1:2888:3888
            server.2=127.0.0.1:2889:3889;2182
            server.3=127.0.0.1:2890:3890
            """;

    @Test
    void readsItsPortsFromItsOwnServerLine() {
        ZooKeeperNode node = ZooKeeperNode.parse(2, Path.of("zoo-2.cfg"), CONFIG, Path.of("/repo"));

        assertThat(node.name()).isEqualTo("zookeeper-2");
        assertThat(node.clientPort()).isEqualTo(2182);
        assertThat(node.quorumPort()).isEqualTo(2889);
        assertThat(node.electionPort()).isEqualTo(3889);
        assertThat(node.dataDir()).isEqualTo(Path.of("/repo/.local/zookeeper/2"));
    }

    @Test
    void runtimeConfigHasAnAbsoluteDataDirAndKeepsEverythingElse() throws IOException {
        ZooKeeperNode node = ZooKeeperNode.parse(2, Path.of("zoo-2.cfg"), CONFIG, Path.of("/repo"));

        Properties runtime = new Properties();
        runtime.load(new StringReader(node.runtimeConfig()));

        assertThat(runtime.getProperty("dataDir")).isEqualTo("/repo/.local/zookeeper/2");
        assertThat(runtime.getProperty("tickTime")).isEqualTo("500");
        assertThat(runtime.getProperty("server.3")).isEqualTo("127.0.0.1:2890:3890");
        assertThat(node.runtimeConfig()).contains("zoo-2.cfg");
    }

    @Test
    void writesTheRuntimeConfigAndMyid(@TempDir Path root) throws IOException {
        ZooKeeperNode node = ZooKeeperNode.parse(2, Path.of("zoo-2.cfg"), CONFIG, root);
        Path runtimeConfig = root.resolve(".local/zookeeper/zoo-2.cfg");

        node.writeRuntimeFiles(runtimeConfig);

        assertThat(Files.readString(root.resolve(".local/zookeeper/2/myid")).trim()).isEqualTo("2");
        assertThat(Files.readString(runtimeConfig)).contains("dataDir=" + root.resolve(".local/zookeeper/2"));
    }

    @Test
    void refusesAConfigWithoutItsOwnServerLine() {
        String withoutServer2 = CONFIG.replace("server.2=127.0.0.1:2889:3889;2182\n", "");

        assertThatThrownBy(() -> ZooKeeperNode.parse(2, Path.of("zoo-2.cfg"), withoutServer2, Path.of("/repo")))
                .hasMessageContaining("server.2");
    }

    @Test
    void theCheckedInEnsembleHasThreeNodesOnDistinctPortsWithDataUnderDotLocal() {
        List<ZooKeeperNode> nodes = ZooKeeperNode.loadAll(ROOT.resolve("zookeeper/local"), ROOT);

        assertThat(nodes).extracting(ZooKeeperNode::clientPort).containsExactly(2181, 2182, 2183);
        assertThat(nodes).extracting(ZooKeeperNode::quorumPort).containsExactly(2888, 2889, 2890);
        assertThat(nodes).extracting(ZooKeeperNode::electionPort).containsExactly(3888, 3889, 3890);
        assertThat(nodes).allSatisfy(node ->
                assertThat(node.dataDir().normalize().startsWith(ROOT.resolve(".local").normalize())).isTrue());
        assertThat(ZooKeeperNode.connectString(nodes)).isEqualTo("127.0.0.1:2181,127.0.0.1:2182,127.0.0.1:2183");
    }

    @Test
    void localAndComposeConfigsAgreeOnTimingAndCommands() throws IOException {
        Properties compose = properties(ROOT.resolve("zookeeper/compose/zoo.cfg"));
        for (int id = 1; id <= 3; id++) {
            Properties local = properties(ROOT.resolve("zookeeper/local/zoo-" + id + ".cfg"));
            for (String key : List.of("tickTime", "minSessionTimeout", "maxSessionTimeout", "initLimit", "syncLimit",
                    "admin.enableServer", "4lw.commands.whitelist")) {
                assertThat(local.getProperty(key)).as(key + " of zoo-" + id + ".cfg").isEqualTo(compose.getProperty(key));
            }
            assertThat(List.of(local.getProperty("4lw.commands.whitelist").split(",")))
                    .contains("stat", "ruok", "srvr", "mntr");
        }
        assertThat(compose.getProperty("dataDir")).isEqualTo("/data");
        assertThat(compose.getProperty("server.2")).startsWith("zookeeper-2:");
    }

    @Test
    void aSessionOfTwoSecondsIsWithinWhatTheServersGrant() throws IOException {
        Properties local = properties(ROOT.resolve("zookeeper/local/zoo-1.cfg"));

        assertThat(Integer.parseInt(local.getProperty("minSessionTimeout"))).isLessThanOrEqualTo(2000);
        assertThat(Integer.parseInt(local.getProperty("tickTime")) * 2).isLessThanOrEqualTo(2000);
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}

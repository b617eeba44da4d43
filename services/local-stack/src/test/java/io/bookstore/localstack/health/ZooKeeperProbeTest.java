package io.bookstore.localstack.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperProbeTest {

    private static final String FOLLOWER = """
            Zookeeper version: 3.9.4-7246445ec281f3dbf53dc54e970c914f39713903, built on 2025-08-19 19:53 UTC
            Latency min/avg/max: 0/0.0/0
            Received: 3
            Sent: 2
            Connections: 1
            Outstanding: 0
            Zxid: 0x100000000
            Mode: follower
            Node count: 5
            """;

    @Test
    void aFollowerOrLeaderIsHealthyAndNamesItsMode() {
        assertThat(ZooKeeperProbe.interpret(FOLLOWER)).isEqualTo(Health.up("follower"));
        assertThat(ZooKeeperProbe.interpret(FOLLOWER.replace("Mode: follower", "Mode: leader"))).isEqualTo(Health.up("leader"));
    }

    @Test
    void aNodeWithoutQuorumIsNotHealthy() {
        Health health = ZooKeeperProbe.interpret("This ZooKeeper instance is not currently serving requests\n");

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).contains("no quorum");
    }

    @Test
    void aStandaloneServerIsNotPartOfTheEnsemble() {
        assertThat(ZooKeeperProbe.interpret(FOLLOWER.replace("Mode: follower", "Mode: standalone")))
                .isEqualTo(Health.down("mode standalone, not part of the ensemble"));
    }

    @Test
    void asksARealServerAndReportsNoAnswerOnceItIsGone(@TempDir Path baseDir) throws Exception {
        int port = freePort();
        Properties config = new Properties();
        config.setProperty("clientPort", Integer.toString(port));
        config.setProperty("clientPortAddress", "127.0.0.1");
        config.setProperty("admin.enableServer", "false");
        config.setProperty("4lw.commands.whitelist", "ruok,srvr");
        ZooKeeperProbe probe = new ZooKeeperProbe("127.0.0.1", port);

        try (ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
                .baseDir(baseDir).configuration(config).exitHandler(ExitHandler.LOG_ONLY).build()) {
            server.start(10_000);

            assertThat(probe.check()).isEqualTo(Health.down("mode standalone, not part of the ensemble"));
        }

        assertThat(probe.check().up()).isFalse();
        assertThat(probe.check().detail()).startsWith("no answer");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

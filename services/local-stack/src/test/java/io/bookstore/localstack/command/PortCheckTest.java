package io.bookstore.localstack.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.localstack.stack.PortClaim;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aPortWithAListenerIsInUseAndFreeOnceItCloses() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0)) {
            port = listener.getLocalPort();

            assertThat(PortCheck.inUse(port)).isTrue();
        }
        assertThat(PortCheck.inUse(port)).isFalse();
    }

    @Test
    void aListenerOnLoopbackOnlyAlsoBlocksThePort() throws Exception {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            assertThat(PortCheck.inUse(listener.getLocalPort())).isTrue();
        }
    }

    @Test
    void namesEveryBusyClaimWithThePartThatWantedIt() throws Exception {
        try (ServerSocket kafka = new ServerSocket(0); ServerSocket free = new ServerSocket(0)) {
            int freePort = free.getLocalPort();
            free.close();
            PortClaim busy = new PortClaim(kafka.getLocalPort(), "kafka", "broker listener");

            List<PortClaim> found = PortCheck.busy(List.of(busy, new PortClaim(freePort, "stock", "HTTP port")));

            assertThat(found).containsExactly(busy);
            assertThat(found.get(0)).hasToString("port " + kafka.getLocalPort() + " (kafka broker listener)");
        }
    }
}

package io.bookstore.localstack.command;

import io.bookstore.localstack.stack.PortClaim;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Finds the ports the stack needs that something else already listens on, before anything is started. */
public final class PortCheck {

    private PortCheck() {
    }

    public static List<PortClaim> busy(List<PortClaim> claims) {
        return claims.stream().filter(claim -> inUse(claim.port())).toList();
    }

    /** A port is in use when a listening socket on every address cannot be bound (a listener on any address blocks it). */
    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}

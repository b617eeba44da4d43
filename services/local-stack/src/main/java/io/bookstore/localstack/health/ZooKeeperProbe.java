package io.bookstore.localstack.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ZooKeeper node is healthy when it answers ruok with imok and srvr reports it serving as leader or
 * follower: a node that is up but has no quorum says it is "not currently serving requests".
 */
public final class ZooKeeperProbe implements HealthProbe {

    private static final int TIMEOUT_MILLIS = 1500;
    private static final Pattern MODE = Pattern.compile("(?m)^Mode:\\s*(\\S+)");

    private final String host;
    private final int port;

    public ZooKeeperProbe(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public Health check() {
        try {
            String ruok = send("ruok");
            if (!ruok.trim().equals("imok")) {
                return Health.down("ruok answered '" + ruok.trim() + "'");
            }
            return interpret(send("srvr"));
        } catch (IOException e) {
            return Health.down("no answer: " + e.getMessage());
        }
    }

    public static Health interpret(String srvr) {
        Optional<String> mode = mode(srvr);
        if (mode.isPresent()) {
            return switch (mode.get()) {
                case "leader", "follower" -> Health.up(mode.get());
                default -> Health.down("mode " + mode.get() + ", not part of the ensemble");
            };
        }
        if (srvr.contains("not currently serving requests")) {
            return Health.down("not serving (no quorum yet)");
        }
        return Health.down("unexpected srvr answer: " + srvr.strip());
    }

    public static Optional<String> mode(String srvr) {
        Matcher matcher = MODE.matcher(srvr);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private String send(String word) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

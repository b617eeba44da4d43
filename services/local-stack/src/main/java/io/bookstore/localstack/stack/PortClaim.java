package io.bookstore.localstack.stack;

/** A port a part will listen on, and why: named in the message when the port is already taken. */
public record PortClaim(int port, String part, String purpose) {

    @Override
    public String toString() {
        return "port " + port + " (" + part + " " + purpose + ")";
    }
}

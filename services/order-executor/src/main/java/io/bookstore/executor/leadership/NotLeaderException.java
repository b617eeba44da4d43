package io.bookstore.executor.leadership;

/** This replica does not lead (any more): whatever it was doing is left to the leader. */
public class NotLeaderException extends RuntimeException {

    public NotLeaderException() {
        super("this replica does not lead");
    }
}

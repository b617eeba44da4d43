package io.bookstore.executor.leadership;

/** Told when this replica's leadership term begins (its epoch recorded) and when it ends. */
public interface LeadershipListener {

    void elected(long epoch);

    void relinquished(long epoch);
}

package io.bookstore.executor.leadership;

/** What GET /leader answers: whether this replica leads, under which epoch, since when (ISO-8601). */
public record LeaderStatus(String instance, boolean leader, Long epoch, String leaderSince,
                           boolean zookeeperConnected) {
}

package io.bookstore.localstack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "postgres" process of the stack: a small JVM that starts PostgreSQL 17 from zonky's binaries on a data
 * directory that survives restarts, creates the stack's databases if missing, and stops the server when it is
 * itself stopped (SIGTERM runs zonky's shutdown hook: pg_ctl stop -m fast). The server runs detached (pg_ctl),
 * so make down also stops it through postmaster.pid should this JVM ever die first.
 */
public final class PostgresKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresKeeper.class);

    private PostgresKeeper() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PostgresKeeper <data directory> <port> <database,database,...>");
            System.exit(2);
        }
        Path dataDirectory = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        List<String> databases = List.of(args[2].split(","));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky's defaults trade durability for speed (fsync and synchronous_commit off): a stack that
                // promises to lose no committed order must not acknowledge a commit before it is on disk
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // The five databases outgrow PostgreSQL's defaults within a few benchmark runs (600 MB): with 128 MB
                // of buffers and 4 MB for the WAL, backends evicted dirty pages and wrote WAL themselves, and after
                // each checkpoint (every 5 min) every page's first change is written whole to the WAL again. make
                // bench: 29.4 KB of WAL per checkout before, 18.5 KB after. A crash replays at most 30 min of WAL.
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("wal_buffers", "16MB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("max_wal_size", "4GB")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(true)
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> created = Databases.createMissing(postgres.getPostgresDatabase(), databases);
        LOG.info("PostgreSQL ready on port {} with data in {}; databases {} (created now: {})", port, dataDirectory, databases, created);
        Thread.currentThread().join();
    }
}

package io.bookstore.localstack.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.localstack.postgres.Databases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresProbeTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void downUntilEveryDatabaseExistsThenUp() throws Exception {
        PostgresProbe probe = new PostgresProbe(postgres.getPort(), List.of("probe_one", "probe_two"), "postgres", "postgres");

        Health before = probe.check();
        Databases.createMissing(postgres.getPostgresDatabase(), List.of("probe_one", "probe_two"));
        Health after = probe.check();

        assertThat(before.up()).isFalse();
        assertThat(before.detail()).startsWith("probe_one:");
        assertThat(after).isEqualTo(Health.up("2 databases"));
    }

    @Test
    void downWhenNoServerListens() {
        Health health = new PostgresProbe(1, List.of("stock"), "postgres", "postgres").check();

        assertThat(health.up()).isFalse();
        assertThat(health.detail()).startsWith("stock:");
    }
}

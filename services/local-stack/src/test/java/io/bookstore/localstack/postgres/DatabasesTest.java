package io.bookstore.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabasesTest {

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
    void createsOnlyWhatIsMissingAndKeepsExistingData() throws Exception {
        assertThat(Databases.createMissing(postgres.getPostgresDatabase(), List.of("kept"))).containsExactly("kept");
        try (Connection connection = postgres.getDatabase("postgres", "kept").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table survivor (id int)");
        }

        List<String> created = Databases.createMissing(postgres.getPostgresDatabase(), List.of("kept", "added"));

        assertThat(created).containsExactly("added");
        try (Connection connection = postgres.getDatabase("postgres", "kept").getConnection();
             Statement statement = connection.createStatement()) {
            assertThat(statement.executeQuery("select count(*) from survivor").next()).isTrue();
        }
    }

    @Test
    void refusesANameThatIsNoPlainIdentifier() {
        assertThatThrownBy(() -> Databases.createMissing(postgres.getPostgresDatabase(), List.of("stock; drop database x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

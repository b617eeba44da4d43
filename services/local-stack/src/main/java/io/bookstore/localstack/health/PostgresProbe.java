package io.bookstore.localstack.health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** PostgreSQL is healthy when select 1 works in every database of the stack (they are created at start). */
public final class PostgresProbe implements HealthProbe {

    private final int port;
    private final List<String> databases;
    private final String user;
    private final String password;

    public PostgresProbe(int port, List<String> databases, String user, String password) {
        this.port = port;
        this.databases = List.copyOf(databases);
        this.user = user;
        this.password = password;
    }

    @Override
    public Health check() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "3");
        properties.setProperty("socketTimeout", "3");
        for (String database : databases) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
            try (Connection connection = DriverManager.getConnection(url, properties);
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("select 1")) {
                if (!result.next() || result.getInt(1) != 1) {
                    return Health.down(database + ": select 1 did not answer 1");
                }
            } catch (SQLException e) {
                return Health.down(database + ": " + e.getMessage());
            }
        }
        return Health.up(databases.size() + " databases");
    }
}

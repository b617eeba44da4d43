package io.bookstore.localstack.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Creates the stack's databases that do not exist yet; existing ones and their data are left alone. */
public final class Databases {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Databases() {
    }

    /** Returns the databases it created. */
    public static List<String> createMissing(DataSource server, List<String> databases) throws SQLException {
        databases.stream().filter(name -> !DATABASE_NAME.matcher(name).matches()).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("not a database name: " + name);
        });
        List<String> created = new ArrayList<>();
        try (Connection connection = server.getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
                try (Statement create = connection.createStatement()) {
                    // CREATE DATABASE takes no bind parameters: the name was checked against DATABASE_NAME above.
                    create.execute("create database " + database);
                }
                created.add(database);
            }
        }
        return created;
    }
}

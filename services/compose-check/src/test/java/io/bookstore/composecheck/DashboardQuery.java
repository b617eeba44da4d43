package io.bookstore.composecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One query of a Grafana dashboard: its panel's title, the datasource it asks and its PromQL expression. */
record DashboardQuery(String panel, String datasourceUid, String expression) {

    static List<DashboardQuery> read(Path dashboard) {
        try {
            List<DashboardQuery> queries = new ArrayList<>();
            collect(new ObjectMapper().readTree(dashboard.toFile()).path("panels"), queries);
            return queries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Panels, and the panels inside collapsed rows; a query's own datasource wins over its panel's. */
    private static void collect(JsonNode panels, List<DashboardQuery> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                JsonNode datasource = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                into.add(new DashboardQuery(panel.path("title").asText(), datasource.path("uid").asText(),
                        target.path("expr").asText()));
            }
            collect(panel.path("panels"), into);
        }
    }
}

package io.bookstore.localstack.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsToTheWidestCellWithoutTrailingSpaces() {
        String rendered = Table.withColumns("NAME", "PID", "HAWTIO")
                .row("zookeeper-1", "101", "")
                .row("orchestrator", "20202", "http://localhost:8081/actuator/hawtio")
                .render();

        assertThat(rendered).isEqualTo("""
                NAME          PID    HAWTIO
                zookeeper-1   101
                orchestrator  20202  http://localhost:8081/actuator/hawtio
                """);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> Table.withColumns("NAME", "PID").row("kafka"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

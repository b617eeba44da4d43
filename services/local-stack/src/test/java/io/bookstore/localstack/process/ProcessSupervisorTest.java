package io.bookstore.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSupervisorTest {

    @Test
    void aServiceVariableExportedInTheShellNeverReachesAChild() {
        Map<String, String> inherited = Map.of("PATH", "/usr/bin", "HTTP_PORT", "9999", "DB_URL", "jdbc:postgresql://elsewhere/x");

        Map<String, String> child = ProcessSupervisor.childEnvironment(inherited, Map.of("HTTP_PORT", "8082"));

        assertThat(child).containsEntry("PATH", "/usr/bin")
                .containsEntry("HTTP_PORT", "8082")
                .doesNotContainKey("DB_URL");
    }

    @Test
    void anInfrastructureProcessKeepsTheInheritedEnvironmentOnly() {
        Map<String, String> child = ProcessSupervisor.childEnvironment(Map.of("JAVA_HOME", "/jdk", "KAFKA_BOOTSTRAP_SERVERS", "x:1"), Map.of());

        assertThat(child).containsExactly(Map.entry("JAVA_HOME", "/jdk"));
    }
}

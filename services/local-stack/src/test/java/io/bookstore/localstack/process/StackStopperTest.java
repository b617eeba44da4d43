package io.bookstore.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.localstack.stack.PartKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStopperTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void stopsEveryRecordedProcessAndForgetsIt(@TempDir Path directory) throws Exception {
        PidRecords records = new PidRecords(directory);
        Process service = new ProcessBuilder("sleep", "60").start();
        Process kafka = new ProcessBuilder("sleep", "60").start();
        records.write(record("stock", PartKind.SERVICE, service));
        records.write(record("kafka", PartKind.KAFKA, kafka));

        new StackStopper(records, out).stop(records.readAll());

        assertThat(ProcessState.running(service.toHandle())).isFalse();
        assertThat(ProcessState.running(kafka.toHandle())).isFalse();
        assertThat(records.readAll()).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stopped stock", "stopped kafka");
    }

    @Test
    void servicesStopBeforeTheInfrastructure(@TempDir Path directory) throws Exception {
        PidRecords records = new PidRecords(directory);
        Process postgres = new ProcessBuilder("sleep", "60").start();
        Process zookeeper = new ProcessBuilder("sleep", "60").start();
        Process service = new ProcessBuilder("sleep", "60").start();

        new StackStopper(records, out).stop(List.of(
                record("postgres", PartKind.POSTGRES, postgres),
                record("zookeeper-1", PartKind.ZOOKEEPER, zookeeper),
                record("orchestrator", PartKind.SERVICE, service)));

        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.indexOf("orchestrator")).isLessThan(report.indexOf("zookeeper-1"));
        assertThat(report.indexOf("zookeeper-1")).isLessThan(report.indexOf("postgres"));
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterItsGrace(@TempDir Path directory) throws Exception {
        PidRecords records = new PidRecords(directory);
        Process stubborn = new ProcessBuilder("bash", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done").start();
        stubborn.getInputStream().read();

        new StackStopper(records, out, kind -> Duration.ofMillis(500)).stop(List.of(record("stock", PartKind.SERVICE, stubborn)));

        assertThat(ProcessState.running(stubborn.toHandle())).isFalse();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("killed after");
    }

    @Test
    void anAlreadyDeadProcessIsOnlyForgotten(@TempDir Path directory) throws Exception {
        PidRecords records = new PidRecords(directory);
        Process exited = new ProcessBuilder("true").start();
        records.write(record("payment", PartKind.SERVICE, exited));
        exited.waitFor();

        new StackStopper(records, out).stop(records.readAll());

        assertThat(records.readAll()).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("payment");
    }

    private static ProcessRecord record(String name, PartKind kind, Process process) {
        return new ProcessRecord(name, kind, process.pid(), PidRecords.startTime(process.toHandle()));
    }
}

package io.bookstore.localstack.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.localstack.health.Health;
import io.bookstore.localstack.health.HealthProbe;
import io.bookstore.localstack.process.LogFiles;
import io.bookstore.localstack.process.PidRecords;
import io.bookstore.localstack.process.ProcessState;
import io.bookstore.localstack.process.ProcessSupervisor;
import io.bookstore.localstack.stack.Part;
import io.bookstore.localstack.stack.PartKind;
import io.bookstore.localstack.stack.Preparation;
import io.bookstore.localstack.stack.StackLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private StackLayout layout;
    private PidRecords records;
    private LogFiles logs;
    private ProcessSupervisor supervisor;
    private Startup startup;

    @BeforeEach
    void setUp() {
        layout = new StackLayout(root);
        records = new PidRecords(layout.pids());
        logs = new LogFiles(layout.logs());
        supervisor = new ProcessSupervisor(layout, records, logs);
        startup = new Startup(supervisor, logs, out, Instant.now());
    }

    @AfterEach
    void stopEverything() {
        supervisor.stopAll(out);
    }

    @Test
    void aPartIsHealthyOnceItsProbeSaysSoAndItsPidIsRecorded() throws Exception {
        Path ready = root.resolve("ready");
        Part part = part("stock", List.of("bash", "-c", "echo started; touch " + ready + "; exec sleep 60"),
                () -> () -> Files.exists(ready) ? Health.up("UP") : Health.down("starting"), Duration.ofSeconds(30));

        List<Outcome> outcomes = startup.start(List.of(part), 1);

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.isHealthy()).isTrue();
            assertThat(records.alive()).extracting(r -> r.pid()).containsExactly(outcome.pid());
        });
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stock", "UP");
        assertThat(Files.readAllLines(logs.of("stock"))).first().asString().startsWith("# environment: STACK_TEST=yes");
        assertThat(Files.readString(logs.of("stock"))).contains("started");
    }

    @Test
    void theChildGetsThePartsEnvironment() throws Exception {
        Path seen = root.resolve("seen");
        Part part = part("payment", List.of("bash", "-c", "echo \"$STACK_TEST\" > " + seen + "; exec sleep 60"),
                () -> () -> Files.exists(seen) ? Health.up("UP") : Health.down("starting"), Duration.ofSeconds(30));

        startup.start(List.of(part), 1);

        assertThat(Files.readString(seen).trim()).isEqualTo("yes");
    }

    @Test
    void aPartThatExitsFailsAndTheRestIsNotStarted() throws Exception {
        Part crashing = part("kafka", List.of("bash", "-c", "echo broken config; exit 3"),
                () -> () -> Health.down("no answer"), Duration.ofSeconds(30));
        Part later = part("orchestrator", List.of("sleep", "60"), () -> () -> Health.up("UP"), Duration.ofSeconds(30));

        List<Outcome> outcomes = startup.start(List.of(crashing, later), 1);

        assertThat(outcomes.get(0).result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcomes.get(0).reason()).contains("exited with code 3");
        assertThat(outcomes.get(1).result()).isEqualTo(Outcome.Result.SKIPPED);
        assertThat(logs.tail("kafka", 1)).containsExactly("broken config");
        assertThat(supervisor.processes()).containsOnlyKeys("kafka");
    }

    @Test
    void aPartThatNeverGetsHealthyFailsAtItsDeadline() throws Exception {
        Part stuck = part("fraud-detection", List.of("sleep", "60"), () -> () -> Health.down("DOWN (HTTP 503)"), Duration.ofMillis(800));

        List<Outcome> outcomes = startup.start(List.of(stuck), 1);

        assertThat(outcomes.get(0).result()).isEqualTo(Outcome.Result.FAILED);
        assertThat(outcomes.get(0).reason()).contains("not healthy within", "DOWN (HTTP 503)");
        assertThat(supervisor.processes().get("fraud-detection").isAlive()).isTrue();
    }

    @Test
    void stopAllEndsEveryStartedProcessAndItsRecord() throws Exception {
        Part first = part("zookeeper-1", List.of("sleep", "60"), () -> () -> Health.up("leader"), Duration.ofSeconds(30));
        Part second = part("stock", List.of("sleep", "60"), () -> () -> Health.up("UP"), Duration.ofSeconds(30));
        startup.start(List.of(first, second), 2);
        Map<String, Process> processes = supervisor.processes();

        supervisor.stopAll(out);

        assertThat(processes.values()).noneMatch(process -> ProcessState.running(process.toHandle()));
        assertThat(records.readAll()).isEmpty();
    }

    @Test
    void aSecondStopWaitsUntilTheStopUnderWayHasEnded() throws Exception {
        Part slowToStop = part("stock", List.of("bash", "-c", "trap 'sleep 1; exit 0' TERM; while true; do sleep 0.1; done"),
                () -> () -> Health.up("UP"), Duration.ofSeconds(30));
        startup.start(List.of(slowToStop), 1);
        Process process = supervisor.processes().get("stock");
        Thread firstStop = new Thread(() -> supervisor.stopAll(out));
        firstStop.start();
        while (!supervisor.isStopping()) {
            Thread.onSpinWait();
        }

        supervisor.stopAll(out);

        assertThat(ProcessState.running(process.toHandle())).isFalse();
        firstStop.join();
    }

    private static Part part(String name, List<String> command, Supplier<HealthProbe> probe, Duration deadline) {
        return new Part(name, name.equals("stock") || name.equals("payment") ? PartKind.SERVICE : PartKind.KAFKA,
                command, Map.of("STACK_TEST", "yes"), List.of(), Preparation.NONE, probe, deadline, name, Optional.empty());
    }
}

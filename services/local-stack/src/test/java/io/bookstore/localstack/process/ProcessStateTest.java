package io.bookstore.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessStateTest {

    @Test
    void anUnreapedZombieHasExitedThoughTheJdkCallsItAlive() throws Exception {
        // The background sleep ends after bash has become `sleep 30`, which never reaps it: a zombie.
        Process parent = new ProcessBuilder("bash", "-c", "sleep 1 & echo $!; exec sleep 30").start();
        try {
            long zombie;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
                zombie = Long.parseLong(out.readLine().trim());
            }
            ProcessHandle handle = ProcessHandle.of(zombie).orElseThrow();

            assertThat(ProcessState.awaitExit(handle, Duration.ofSeconds(10))).isTrue();
            assertThat(handle.isAlive()).isTrue();
            assertThat(ProcessState.running(handle)).isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void aRunningProcessIsRunningUntilItIsStopped() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        ProcessHandle handle = sleeper.toHandle();

        assertThat(ProcessState.running(handle)).isTrue();
        assertThat(ProcessState.awaitExit(handle, Duration.ofMillis(300))).isFalse();

        sleeper.destroy();
        assertThat(ProcessState.awaitExit(handle, Duration.ofSeconds(10))).isTrue();
        assertThat(ProcessState.running(handle)).isFalse();
    }
}

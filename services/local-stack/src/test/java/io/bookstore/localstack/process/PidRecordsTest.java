package io.bookstore.localstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.localstack.stack.PartKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidRecordsTest {

    @Test
    void writesReadsAndDeletesRecords(@TempDir Path directory) {
        PidRecords records = new PidRecords(directory);
        ProcessRecord kafka = record("kafka", PartKind.KAFKA, ProcessHandle.current());

        records.write(kafka);

        assertThat(records.readAll()).containsExactly(kafka);
        records.delete("kafka");
        assertThat(records.readAll()).isEmpty();
    }

    @Test
    void aRunningRecordedProcessIsLive(@TempDir Path directory) {
        PidRecords records = new PidRecords(directory);
        records.write(record("launcher", PartKind.SERVICE, ProcessHandle.current()));

        assertThat(records.alive()).extracting(ProcessRecord::name).containsExactly("launcher");
    }

    @Test
    void aReusedPidIsNotTheRecordedProcess() {
        ProcessHandle current = ProcessHandle.current();
        ProcessRecord older = new ProcessRecord("stock", PartKind.SERVICE, current.pid(),
                PidRecords.startTime(current).minus(Duration.ofMinutes(5)));

        assertThat(PidRecords.live(older)).isEmpty();
    }

    @Test
    void anExitedProcessIsNotLive() throws Exception {
        Process process = new ProcessBuilder("true").start();
        ProcessRecord record = record("payment", PartKind.SERVICE, process.toHandle());
        process.waitFor();

        assertThat(PidRecords.live(record)).isEmpty();
    }

    @Test
    void aRecordSurvivesItsTextForm() {
        ProcessRecord record = record("zookeeper-2", PartKind.ZOOKEEPER, ProcessHandle.current());

        assertThat(ProcessRecord.parse("zookeeper-2", record.serialize())).isEqualTo(record);
    }

    private static ProcessRecord record(String name, PartKind kind, ProcessHandle handle) {
        return new ProcessRecord(name, kind, handle.pid(), PidRecords.startTime(handle));
    }
}

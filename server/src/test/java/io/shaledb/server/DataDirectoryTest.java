package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryAndRecordsThePid() throws Exception {
        Path dir = tmp.resolve("a/b/data");
        try (DataDirectory d = DataDirectory.open(dir)) {
            assertThat(d.root()).isDirectory();
            assertThat(Files.readString(dir.resolve(DataDirectory.LOCK_FILE)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aSecondOpenIsRefusedUntilTheFirstCloses() {
        Path dir = tmp.resolve("data");
        try (DataDirectory first = DataDirectory.open(dir)) {
            assertThat(first.root()).isDirectory();
            // within one JVM the OS lock shows up as an overlapping lock; either way it must be refused
            assertThatThrownBy(() -> DataDirectory.open(dir)).hasMessageContaining(dir.toString());
        }
        try (DataDirectory again = DataDirectory.open(dir)) {
            assertThat(again.root()).isEqualTo(dir.toAbsolutePath().normalize());
        }
    }

    @Test
    void aFileInTheWayIsAClearError() throws Exception {
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> DataDirectory.open(file)).hasMessageContaining("cannot open data directory");
    }
}

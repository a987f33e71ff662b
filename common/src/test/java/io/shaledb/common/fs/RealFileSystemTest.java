package io.shaledb.common.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealFileSystemTest {

    private final FileSystem fs = RealFileSystem.INSTANCE;

    @Test
    void writeReadAppendTruncateSync(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a");
        try (FileHandle h = fs.open(file, OpenMode.CREATE_NEW)) {
            h.write(ascii("hello"), 0);
            assertThat(h.append(ascii(" world"))).isEqualTo(5);
            h.sync();
            h.syncMetadata();
            assertThat(h.size()).isEqualTo(11);
            ByteBuffer dst = ByteBuffer.allocate(5);
            h.readFully(dst, 6);
            assertThat(new String(dst.array(), StandardCharsets.US_ASCII)).isEqualTo("world");
            h.truncate(5);
            assertThat(h.size()).isEqualTo(5);
            assertThat(h.read(ByteBuffer.allocate(1), 5)).isEqualTo(-1);
            assertThatThrownBy(() -> h.readFully(ByteBuffer.allocate(6), 0)).isInstanceOf(EOFException.class);
        }
        assertThatThrownBy(() -> fs.open(file, OpenMode.CREATE_NEW)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> fs.open(dir.resolve("missing"), OpenMode.READ)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void directoryOperations(@TempDir Path dir) throws Exception {
        Path sub = dir.resolve("x/y");
        fs.createDirectories(sub);
        fs.createDirectories(sub);
        assertThat(fs.isDirectory(sub)).isTrue();
        fs.open(sub.resolve("b"), OpenMode.CREATE).close();
        fs.open(sub.resolve("a"), OpenMode.CREATE).close();
        fs.syncDirectory(sub);
        assertThat(fs.list(sub)).containsExactly(sub.resolve("a"), sub.resolve("b"));
        fs.rename(sub.resolve("a"), sub.resolve("b"));
        assertThat(fs.list(sub)).containsExactly(sub.resolve("b"));
        assertThat(fs.deleteIfExists(sub.resolve("b"))).isTrue();
        assertThat(fs.deleteIfExists(sub.resolve("b"))).isFalse();
        assertThat(fs.exists(sub.resolve("b"))).isFalse();
        fs.syncDirectory(sub);
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}

package io.shaledb.common.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CrashSimulatingFileSystemTest {

    private final CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
    private final Path dir = Path.of("/data");

    @Test
    void syncedDataSurvivesACrashAndUnsyncedDataDoesNot() throws Exception {
        fs.createDirectories(dir);
        fs.syncDirectory(dir.getParent());
        Path file = dir.resolve("f");
        try (FileHandle h = fs.open(file, OpenMode.CREATE_NEW)) {
            h.append(ascii("durable"));
            h.sync();
            fs.syncDirectory(dir);
            h.append(ascii("-lost"));
            h.write(ascii("X"), 0);
            assertThat(read(file)).isEqualTo("Xurable-lost");
        }
        fs.crash();
        assertThat(read(file)).isEqualTo("durable");
    }

    @Test
    void aCreatedFileNeedsItsDirectorySynced() throws Exception {
        fs.createDirectories(dir);
        fs.syncDirectory(dir.getParent());
        try (FileHandle h = fs.open(dir.resolve("f"), OpenMode.CREATE_NEW)) {
            h.append(ascii("synced data"));
            h.sync();
        }
        fs.crash();
        assertThat(fs.exists(dir.resolve("f"))).isFalse();
        assertThat(fs.exists(dir)).isTrue();
    }

    @Test
    void aDirectoryWhoseCreationWasNotSyncedLosesItsFiles() throws Exception {
        Path sub = dir.resolve("sub");
        fs.createDirectories(sub);
        fs.open(sub.resolve("f"), OpenMode.CREATE_NEW).close();
        fs.syncDirectory(sub); // the file's entry is durable, but "sub" itself is not
        fs.crash();
        assertThat(fs.exists(sub)).isFalse();
        assertThat(fs.exists(sub.resolve("f"))).isFalse();
        assertThat(fs.list(Path.of("/"))).isEmpty();
    }

    @Test
    void renameIsDurableOnlyAfterDirectorySyncAndAtomic() throws Exception {
        fs.createDirectories(dir);
        fs.syncDirectory(dir.getParent());
        Path target = dir.resolve("CURRENT");
        writeDurably(target, "v1");
        Path tmp = dir.resolve("CURRENT.tmp");
        writeDurably(tmp, "v2");
        fs.rename(tmp, target);
        assertThat(read(target)).isEqualTo("v2");
        fs.crash();
        assertThat(read(target)).isEqualTo("v1");
        assertThat(read(tmp)).isEqualTo("v2");

        fs.rename(tmp, target);
        fs.syncDirectory(dir);
        fs.crash();
        assertThat(read(target)).isEqualTo("v2");
        assertThat(fs.exists(tmp)).isFalse();

        // With random crashes a rename either happened or did not: exactly one name holds the data.
        for (int seed = 0; seed < 200; seed++) {
            writeDurably(tmp, "v3-" + seed);
            String before = read(target);
            fs.rename(tmp, target);
            fs.crash(new Random(seed));
            boolean renamed = !fs.exists(tmp);
            assertThat(read(target)).isEqualTo(renamed ? "v3-" + seed : before);
        }
    }

    @Test
    void deletesAreForgottenWithoutADirectorySync() throws Exception {
        fs.createDirectories(dir);
        fs.syncDirectory(dir.getParent());
        writeDurably(dir.resolve("f"), "keep me");
        writeDurably(dir.resolve("g"), "other");
        fs.delete(dir.resolve("f"));
        assertThatThrownBy(() -> fs.delete(dir.resolve("f"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.delete(dir)).isInstanceOf(DirectoryNotEmptyException.class);
        fs.delete(dir.resolve("g"));
        fs.crash();
        assertThat(read(dir.resolve("f"))).isEqualTo("keep me");
        assertThat(read(dir.resolve("g"))).isEqualTo("other");
        fs.delete(dir.resolve("f"));
        fs.delete(dir.resolve("g"));
        fs.syncDirectory(dir);
        fs.crash();
        assertThat(fs.list(dir)).isEmpty();
        assertThat(fs.directorySyncCount()).isPositive();
    }

    @Test
    void handlesFromBeforeTheCrashStopWorking() throws Exception {
        fs.createDirectories(dir);
        FileHandle h = fs.open(dir.resolve("f"), OpenMode.CREATE_NEW);
        fs.crash();
        assertThatThrownBy(() -> h.append(ascii("x"))).isInstanceOf(IOException.class).hasMessageContaining("crash");
        assertThatThrownBy(h::sync).isInstanceOf(IOException.class);
    }

    @Test
    void diskFullIsAShortWriteThenAnError() throws Exception {
        fs.createDirectories(dir);
        try (FileHandle h = fs.open(dir.resolve("f"), OpenMode.CREATE_NEW)) {
            fs.failWritesAfter(10);
            h.append(ascii("12345678"));
            ByteBuffer src = ascii("abcdef");
            assertThatThrownBy(() -> h.append(src)).isInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
            assertThat(src.position()).isEqualTo(2);
            assertThat(h.size()).isEqualTo(10);
            assertThatThrownBy(() -> h.append(ascii("z"))).hasMessage("No space left on device");
            fs.clearFaults();
            h.append(ascii("z"));
            assertThat(h.size()).isEqualTo(11);
        }
    }

    @Test
    void aFailedSyncMakesNothingDurable() throws Exception {
        fs.createDirectories(dir);
        fs.syncDirectory(dir.getParent());
        Path file = dir.resolve("f");
        writeDurably(file, "a");
        try (FileHandle h = fs.open(file, OpenMode.READ_WRITE)) {
            h.append(ascii("b"));
            fs.failNextSync();
            assertThatThrownBy(h::sync).isInstanceOf(IOException.class).hasMessageContaining("injected");
            long syncs = fs.syncCount();
            h.append(ascii("c"));
            assertThat(fs.syncCount()).isEqualTo(syncs);
        }
        fs.crash();
        assertThat(read(file)).isEqualTo("a");
    }

    @Test
    void truncationIsPendingUntilSynced() throws Exception {
        fs.createDirectories(dir);
        fs.syncDirectory(dir.getParent());
        Path file = dir.resolve("f");
        writeDurably(file, "0123456789");
        try (FileHandle h = fs.open(file, OpenMode.READ_WRITE)) {
            h.truncate(4);
            h.append(ascii("ab"));
            assertThat(read(file)).isEqualTo("0123ab");
        }
        fs.crash();
        assertThat(read(file)).isEqualTo("0123456789");
    }

    /**
     * After a random crash an append-only file holds its synced contents followed by a prefix of
     * the appended bytes, except that within the one torn write the tail may be zeros or garbage.
     */
    @Property(tries = 300)
    void tornWritesArePrefixes(@ForAll long seed) throws Exception {
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        Random random = new Random(seed);
        fs.createDirectories(dir);
        fs.syncDirectory(dir.getParent());
        Path file = dir.resolve("log");
        ByteArrayOutputStream intended = new ByteArrayOutputStream();
        List<long[]> writes = new ArrayList<>(); // {start, end} of every unsynced write
        long synced;
        try (FileHandle h = fs.open(file, OpenMode.CREATE_NEW)) {
            fs.syncDirectory(dir);
            byte[] base = new byte[random.nextInt(2000)];
            random.nextBytes(base);
            h.append(ByteBuffer.wrap(base));
            intended.writeBytes(base);
            h.sync();
            synced = base.length;
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                byte[] chunk = new byte[1 + random.nextInt(1500)];
                random.nextBytes(chunk);
                long at = h.append(ByteBuffer.wrap(chunk));
                writes.add(new long[] {at, at + chunk.length});
                intended.writeBytes(chunk);
            }
        }
        fs.crash(random);
        byte[] full = intended.toByteArray();
        byte[] got = readBytes(fs, file);
        assertThat(got.length).as(fs.lastCrashReport()).isBetween((int) synced, full.length);
        int m = 0;
        while (m < got.length && got[m] == full[m]) {
            m++;
        }
        final int firstMismatch = m;
        assertThat(firstMismatch).as(fs.lastCrashReport()).isGreaterThanOrEqualTo((int) synced);
        if (firstMismatch < got.length) {
            long[] torn = writes.stream().filter(w -> w[0] <= firstMismatch && firstMismatch < w[1]).findFirst()
                    .orElseThrow();
            assertThat((long) got.length).as(fs.lastCrashReport()).isLessThanOrEqualTo(torn[1]);
        }
    }

    @Test
    void concurrentUseIsSafe() throws Exception {
        fs.createDirectories(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Path file = dir.resolve("f" + t);
                futures.add(pool.submit(() -> {
                    try (FileHandle h = fs.open(file, OpenMode.CREATE_NEW)) {
                        for (int i = 0; i < 1000; i++) {
                            h.append(ByteBuffer.wrap(new byte[] {(byte) i}));
                            if (i % 100 == 0) {
                                h.sync();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (int t = 0; t < 4; t++) {
            assertThat(readBytes(fs, dir.resolve("f" + t))).hasSize(1000);
        }
        assertThat(fs.list(dir)).hasSize(4);
    }

    private void writeDurably(Path file, String text) throws IOException {
        try (FileHandle h = fs.open(file, OpenMode.CREATE)) {
            h.truncate(0);
            h.write(ascii(text), 0);
            h.sync();
        }
        fs.syncDirectory(file.getParent());
    }

    private String read(Path file) throws IOException {
        return new String(readBytes(fs, file), StandardCharsets.US_ASCII);
    }

    private static byte[] readBytes(FileSystem fs, Path file) throws IOException {
        try (FileHandle h = fs.open(file, OpenMode.READ)) {
            ByteBuffer dst = ByteBuffer.allocate((int) h.size());
            h.readFully(dst, 0);
            return dst.array();
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}

package io.shaledb.common.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory {@link FileSystem} that remembers, for every file, what is durable (synced) and
 * what is only in the "page cache", so a test can pull the plug with {@link #crash()} or
 * {@link #crash(Random)} and then look at the disk as it would be after a reboot. The same object
 * represents the rebooted disk: handles opened before the crash fail with an {@link IOException},
 * new ones see the surviving state.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>Each file (inode) has durable contents and an ordered list of pending operations (writes
 *       and truncations) issued since its last {@link FileHandle#sync()}. Reads see everything.
 *   <li>Creates, deletes, renames and {@code mkdir}s are pending directory operations, kept in
 *       issue order, until {@link #syncDirectory(Path)} on a directory they touch makes them
 *       durable. A rename is one operation touching both parents, so it is atomic.
 *   <li>{@link #crash()} drops everything pending. {@link #crash(Random)} instead keeps, for every
 *       file independently, a random in-order prefix of its pending operations and may tear the
 *       first dropped write (keep an arbitrary or sector-aligned prefix of it, or extend the file
 *       over it with zeros or garbage, as a file-size update without its data would); and keeps a
 *       random in-order prefix of the pending directory operations. Files whose names did not
 *       survive are gone, whatever was synced into them.
 * </ul>
 *
 * <p>Fault injection: {@link #failWritesAfter(long)} makes the disk full after that many more
 * bytes (the failing write is a short write: the bytes that fit are written, then
 * {@code IOException("No space left on device")}); {@link #failNextSync()} makes the next file sync
 * fail without making anything durable.
 *
 * <p>Limits of the model: {@code syncDirectory(d)} makes exactly the pending operations that touch
 * {@code d} durable, even if an earlier operation on another directory is still pending (a real
 * journal would commit in order); code that renames across directories should sync both. Renaming
 * directories is not supported. Files are limited to 2 GiB.
 *
 * <p>Every method is {@code synchronized}, so operations are atomic with respect to each other and
 * to a crash.
 */
public final class CrashSimulatingFileSystem implements FileSystem {

    /** Sector size used for sector-aligned tears. */
    public static final int SECTOR_SIZE = 512;

    private final Map<Path, Inode> current = new TreeMap<>();
    private final Map<Path, Inode> durable = new TreeMap<>();
    private final List<DirOp> pendingDirOps = new ArrayList<>();
    private int epoch;
    private long writeBudget = -1;
    private boolean failNextSync;
    private long syncCount;
    private long directorySyncCount;
    private long bytesWritten;
    private int crashCount;
    private String lastCrashReport = "no crash yet";

    // ---------------------------------------------------------------- faults and crashes

    /** After {@code bytes} more bytes have been written (across all files) the disk is full. Negative: never. */
    public synchronized void failWritesAfter(long bytes) {
        writeBudget = bytes;
    }

    /** The next {@link FileHandle#sync()} or {@link FileHandle#syncMetadata()} fails; nothing becomes durable. */
    public synchronized void failNextSync() {
        failNextSync = true;
    }

    /** Removes every injected fault. */
    public synchronized void clearFaults() {
        writeBudget = -1;
        failNextSync = false;
    }

    /** Loses everything that was not synced. */
    public synchronized void crash() {
        crash(null);
    }

    /**
     * Loses a random part of what was not synced (see the class comment); {@code null} loses all of
     * it. Faults are cleared; handles opened before the crash stop working.
     */
    public synchronized void crash(Random random) {
        StringBuilder report = new StringBuilder("crash #").append(++crashCount).append(':');
        int keepDirOps = random == null ? 0 : random.nextInt(pendingDirOps.size() + 1);
        for (int i = 0; i < keepDirOps; i++) {
            pendingDirOps.get(i).apply.accept(durable);
        }
        report.append(" kept ").append(keepDirOps).append('/').append(pendingDirOps.size()).append(" dir ops;");
        pendingDirOps.clear();
        pruneOrphans(durable);

        for (Map.Entry<Path, Inode> e : durable.entrySet()) {
            Inode inode = e.getValue();
            if (inode.directory) {
                continue;
            }
            Buf survived = inode.durable.copy();
            int n = inode.pending.size();
            if (random != null && n > 0) {
                int keep = random.nextInt(n + 1);
                for (int i = 0; i < keep; i++) {
                    inode.pending.get(i).applyTo(survived);
                }
                String tear = "";
                if (keep < n && inode.pending.get(keep).bytes != null && random.nextBoolean()) {
                    tear = tear(inode.pending.get(keep), survived, random);
                }
                report.append(' ').append(e.getKey().getFileName()).append(": kept ").append(keep).append('/')
                        .append(n).append(" writes").append(tear).append(';');
            }
            inode.current = survived;
            inode.durable = survived.copy();
            inode.pending.clear();
        }
        current.clear();
        current.putAll(durable);
        epoch++;
        clearFaults();
        lastCrashReport = report.toString();
    }

    private static String tear(PendingOp write, Buf target, Random random) {
        int len = write.bytes.length;
        if (len == 0) {
            return "";
        }
        int kept;
        String style;
        switch (random.nextInt(4)) {
            case 0 -> {
                kept = random.nextInt(len);
                style = "prefix";
            }
            case 1 -> {
                // Keep whole sectors only: the cut is at a sector boundary of the file.
                long firstBoundary = (write.position / SECTOR_SIZE + 1) * SECTOR_SIZE;
                long lastPossible = write.position + len - 1;
                if (firstBoundary > lastPossible) {
                    kept = 0;
                } else {
                    long sectors = (lastPossible - firstBoundary) / SECTOR_SIZE + 1;
                    kept = (int) (firstBoundary + SECTOR_SIZE * (long) random.nextInt((int) Math.min(sectors, Integer.MAX_VALUE)) - write.position);
                    if (random.nextInt(4) == 0) {
                        kept = 0;
                    }
                }
                style = "sector-prefix";
            }
            case 2 -> {
                kept = random.nextInt(len);
                style = "prefix+zeros";
            }
            default -> {
                kept = random.nextInt(len);
                style = "prefix+garbage";
            }
        }
        byte[] torn = Arrays.copyOf(write.bytes, style.startsWith("prefix+") ? len : kept);
        if (style.equals("prefix+zeros")) {
            Arrays.fill(torn, kept, len, (byte) 0);
        } else if (style.equals("prefix+garbage")) {
            byte[] junk = new byte[len - kept];
            random.nextBytes(junk);
            System.arraycopy(junk, 0, torn, kept, junk.length);
        }
        if (torn.length > 0) {
            target.write(write.position, torn, 0, torn.length);
        }
        return " torn write @" + write.position + " kept " + kept + "/" + len + " (" + style + ")";
    }

    private static void pruneOrphans(Map<Path, Inode> namespace) {
        boolean removed = true;
        while (removed) {
            removed = false;
            for (Iterator<Map.Entry<Path, Inode>> it = namespace.entrySet().iterator(); it.hasNext(); ) {
                Path parent = it.next().getKey().getParent();
                if (parent != null && parent.getParent() != null) {
                    Inode p = namespace.get(parent);
                    if (p == null || !p.directory) {
                        it.remove();
                        removed = true;
                    }
                }
            }
        }
    }

    /** A human-readable account of what the last crash kept, dropped and tore; for test failure messages. */
    public synchronized String lastCrashReport() {
        return lastCrashReport;
    }

    /** Number of successful file syncs ({@code sync} and {@code syncMetadata}) so far. */
    public synchronized long syncCount() {
        return syncCount;
    }

    /** Number of successful {@link #syncDirectory(Path)} calls so far. */
    public synchronized long directorySyncCount() {
        return directorySyncCount;
    }

    /** Bytes written so far across all files. */
    public synchronized long bytesWritten() {
        return bytesWritten;
    }

    // ---------------------------------------------------------------- FileSystem

    @Override
    public synchronized FileHandle open(Path path, OpenMode mode) throws IOException {
        Path p = norm(path);
        Inode inode = current.get(p);
        if (inode != null && inode.directory) {
            throw new IOException(p + ": is a directory");
        }
        if (inode == null) {
            if (mode == OpenMode.READ || mode == OpenMode.READ_WRITE) {
                throw new NoSuchFileException(p.toString());
            }
            requireDirectory(p.getParent());
            Inode created = new Inode(false);
            current.put(p, created);
            pendingDirOps.add(new DirOp("create " + p, List.of(p.getParent()), ns -> ns.put(p, created)));
            inode = created;
        } else if (mode == OpenMode.CREATE_NEW) {
            throw new FileAlreadyExistsException(p.toString());
        }
        return new Handle(p, inode, mode.writable(), epoch);
    }

    @Override
    public synchronized List<Path> list(Path dir) throws IOException {
        Path d = norm(dir);
        requireDirectory(d);
        List<Path> out = new ArrayList<>();
        for (Path p : current.keySet()) {
            if (d.equals(p.getParent())) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        Path p = norm(path);
        Inode inode = current.get(p);
        if (inode == null) {
            throw new NoSuchFileException(p.toString());
        }
        if (inode.directory) {
            for (Path other : current.keySet()) {
                if (p.equals(other.getParent())) {
                    throw new DirectoryNotEmptyException(p.toString());
                }
            }
        }
        current.remove(p);
        pendingDirOps.add(new DirOp("delete " + p, List.of(p.getParent()), ns -> ns.remove(p)));
    }

    @Override
    public synchronized boolean deleteIfExists(Path path) throws IOException {
        if (!current.containsKey(norm(path))) {
            return false;
        }
        delete(path);
        return true;
    }

    @Override
    public synchronized void rename(Path source, Path target) throws IOException {
        Path s = norm(source);
        Path t = norm(target);
        Inode inode = current.get(s);
        if (inode == null) {
            throw new NoSuchFileException(s.toString());
        }
        if (inode.directory) {
            throw new IOException(s + ": renaming directories is not supported by the simulator");
        }
        Inode existing = current.get(t);
        if (existing != null && existing.directory) {
            throw new IOException(t + ": is a directory");
        }
        requireDirectory(t.getParent());
        if (s.equals(t)) {
            return;
        }
        current.remove(s);
        current.put(t, inode);
        pendingDirOps.add(new DirOp("rename " + s + " -> " + t, List.of(s.getParent(), t.getParent()), ns -> {
            ns.remove(s);
            ns.put(t, inode);
        }));
    }

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        Path d = norm(dir);
        List<Path> missing = new ArrayList<>();
        for (Path p = d; p != null && p.getParent() != null; p = p.getParent()) {
            Inode inode = current.get(p);
            if (inode != null) {
                if (!inode.directory) {
                    throw new FileAlreadyExistsException(p.toString(), null, "exists and is not a directory");
                }
                break;
            }
            missing.add(p);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            Path p = missing.get(i);
            Inode created = new Inode(true);
            current.put(p, created);
            pendingDirOps.add(new DirOp("mkdir " + p, List.of(p.getParent()), ns -> ns.put(p, created)));
        }
    }

    @Override
    public synchronized boolean exists(Path path) {
        Path p = norm(path);
        return p.getParent() == null || current.containsKey(p);
    }

    @Override
    public synchronized boolean isDirectory(Path path) {
        Path p = norm(path);
        Inode inode = current.get(p);
        return p.getParent() == null || (inode != null && inode.directory);
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        Path d = norm(dir);
        requireDirectory(d);
        for (Iterator<DirOp> it = pendingDirOps.iterator(); it.hasNext(); ) {
            DirOp op = it.next();
            if (op.dirs.contains(d)) {
                op.apply.accept(durable);
                it.remove();
            }
        }
        directorySyncCount++;
    }

    @Override
    public String toString() {
        return "CrashSimulatingFileSystem";
    }

    private void requireDirectory(Path dir) throws IOException {
        if (dir == null || dir.getParent() == null) {
            return; // the root always exists
        }
        Inode inode = current.get(dir);
        if (inode == null) {
            throw new NoSuchFileException(dir.toString());
        }
        if (!inode.directory) {
            throw new NotDirectoryException(dir.toString());
        }
    }

    private static Path norm(Path path) {
        return path.toAbsolutePath().normalize();
    }

    // ---------------------------------------------------------------- internals

    private record DirOp(String description, List<Path> dirs, Consumer<Map<Path, Inode>> apply) {}

    /** A pending write ({@code bytes != null}) or truncation to {@code position} ({@code bytes == null}). */
    private record PendingOp(long position, byte[] bytes) {
        void applyTo(Buf buf) {
            if (bytes == null) {
                buf.truncate((int) position);
            } else {
                buf.write(position, bytes, 0, bytes.length);
            }
        }
    }

    private static final class Inode {
        final boolean directory;
        Buf current = new Buf();
        Buf durable = new Buf();
        final List<PendingOp> pending = new ArrayList<>();

        Inode(boolean directory) {
            this.directory = directory;
        }
    }

    /** A growable byte array; bytes past {@code size} are always zero. */
    private static final class Buf {
        byte[] data = new byte[0];
        int size;

        void write(long position, byte[] src, int offset, int length) {
            long end = position + length;
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("simulated files are limited to 2 GiB");
            }
            if (end > data.length) {
                data = Arrays.copyOf(data, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8, data.length * 2L)));
            }
            System.arraycopy(src, offset, data, (int) position, length);
            size = (int) Math.max(size, end);
        }

        void truncate(int newSize) {
            if (newSize < size) {
                Arrays.fill(data, newSize, size, (byte) 0);
                size = newSize;
            }
        }

        Buf copy() {
            Buf b = new Buf();
            b.data = Arrays.copyOf(data, size);
            b.size = size;
            return b;
        }
    }

    private final class Handle implements FileHandle {
        private final Path path;
        private final Inode inode;
        private final boolean writable;
        private final int openedInEpoch;
        private boolean closed;

        Handle(Path path, Inode inode, boolean writable, int epoch) {
            this.path = path;
            this.inode = inode;
            this.writable = writable;
            this.openedInEpoch = epoch;
        }

        private void check(boolean write) throws IOException {
            if (closed) {
                throw new java.nio.channels.ClosedChannelException();
            }
            if (openedInEpoch != epoch) {
                throw new IOException(path + ": handle opened before a simulated crash");
            }
            if (write && !writable) {
                throw new java.nio.channels.NonWritableChannelException();
            }
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            synchronized (CrashSimulatingFileSystem.this) {
                check(false);
                if (position < 0) {
                    throw new IllegalArgumentException("negative position");
                }
                Buf buf = inode.current;
                if (position >= buf.size) {
                    return dst.hasRemaining() ? -1 : 0;
                }
                int n = (int) Math.min(dst.remaining(), buf.size - position);
                dst.put(buf.data, (int) position, n);
                return n;
            }
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            synchronized (CrashSimulatingFileSystem.this) {
                check(true);
                if (position < 0) {
                    throw new IllegalArgumentException("negative position");
                }
                int n = src.remaining();
                boolean full = writeBudget >= 0 && n > writeBudget;
                int fits = full ? (int) writeBudget : n;
                byte[] bytes = new byte[fits];
                src.get(bytes);
                if (fits > 0) {
                    inode.current.write(position, bytes, 0, fits);
                    inode.pending.add(new PendingOp(position, bytes));
                    bytesWritten += fits;
                }
                if (writeBudget >= 0) {
                    writeBudget -= fits;
                }
                if (full) {
                    throw new IOException("No space left on device");
                }
            }
        }

        @Override
        public long append(ByteBuffer src) throws IOException {
            synchronized (CrashSimulatingFileSystem.this) {
                check(true);
                long at = inode.current.size;
                write(src, at);
                return at;
            }
        }

        @Override
        public long size() throws IOException {
            synchronized (CrashSimulatingFileSystem.this) {
                check(false);
                return inode.current.size;
            }
        }

        @Override
        public void truncate(long newSize) throws IOException {
            synchronized (CrashSimulatingFileSystem.this) {
                check(true);
                if (newSize < 0) {
                    throw new IllegalArgumentException("negative size");
                }
                if (newSize < inode.current.size) {
                    inode.current.truncate((int) newSize);
                    inode.pending.add(new PendingOp(newSize, null));
                }
            }
        }

        @Override
        public void sync() throws IOException {
            synchronized (CrashSimulatingFileSystem.this) {
                check(false);
                if (failNextSync) {
                    failNextSync = false;
                    throw new IOException(path + ": Input/output error (injected sync failure)");
                }
                for (PendingOp op : inode.pending) {
                    op.applyTo(inode.durable);
                }
                inode.pending.clear();
                syncCount++;
            }
        }

        @Override
        public void syncMetadata() throws IOException {
            sync();
        }

        @Override
        public void close() {
            synchronized (CrashSimulatingFileSystem.this) {
                closed = true;
            }
        }

        @Override
        public String toString() {
            return "SimulatedFileHandle[" + path + "]";
        }
    }
}

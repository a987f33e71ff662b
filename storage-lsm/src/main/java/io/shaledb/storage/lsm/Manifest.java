package io.shaledb.storage.lsm;

import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifest: an append-only log of {@link VersionEdit}s in a file {@code MANIFEST-nnnnnn}, and
 * the file {@code CURRENT} naming the live one. Each record is
 * {@code u32 length | u32 CRC-32C(payload) | payload}, little-endian, and is synced before the edit
 * it carries takes effect. A new manifest starts with one edit describing the whole state, and
 * {@code CURRENT} is switched to it atomically: write {@code CURRENT.tmp}, sync it, rename it over
 * {@code CURRENT}, sync the directory.
 */
final class Manifest implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(Manifest.class);
    static final String CURRENT = "CURRENT";
    static final String PREFIX = "MANIFEST-";
    static final int RECORD_HEADER = 8;

    /** The state recovered from a manifest. */
    record State(String manifestName, List<TreeMap<Long, FileMeta>> levels, long nextFileNumber, long flushedSequence) {}

    private final FileHandle file;
    private final Path path;
    private long size;

    private Manifest(FileHandle file, Path path, long size) {
        this.file = file;
        this.path = path;
        this.size = size;
    }

    static String name(long number) {
        return String.format(PREFIX + "%06d", number);
    }

    /** Reads CURRENT and replays its manifest; null when the directory holds no database yet. */
    static State recover(FileSystem fs, Path dir, int maxLevels) throws IOException {
        Path current = dir.resolve(CURRENT);
        if (!fs.exists(current)) {
            return null;
        }
        String name;
        try (FileHandle h = fs.open(current, OpenMode.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) h.size());
            h.readFully(buf, 0);
            name = new String(buf.array(), StandardCharsets.UTF_8).strip();
        }
        if (!name.startsWith(PREFIX) || name.contains("/")) {
            throw new IOException("CURRENT in " + dir + " names '" + name + "', not a manifest");
        }
        List<TreeMap<Long, FileMeta>> levels = new ArrayList<>();
        for (int i = 0; i < maxLevels; i++) {
            levels.add(new TreeMap<>());
        }
        long nextFile = 1;
        long flushed = 0;
        Path mpath = dir.resolve(name);
        FileHandle h;
        try {
            h = fs.open(mpath, OpenMode.READ);
        } catch (NoSuchFileException e) {
            throw new IOException("CURRENT names " + name + " but " + mpath + " does not exist", e);
        }
        try (h) {
            long fileSize = h.size();
            long pos = 0;
            int records = 0;
            while (pos < fileSize) {
                if (fileSize - pos < RECORD_HEADER) {
                    log.warn("manifest {}: incomplete record header at offset {}; ignoring {} trailing bytes", mpath, pos,
                            fileSize - pos);
                    break;
                }
                ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER).order(ByteOrder.LITTLE_ENDIAN);
                h.readFully(header, pos);
                int length = header.getInt(0);
                int crc = header.getInt(4);
                if (length <= 0 || pos + RECORD_HEADER + length > fileSize) {
                    // (length 0 is never written: every edit has a field; zeros are a torn extension)
                    log.warn("manifest {}: record at offset {} runs past the end; ignoring the torn tail", mpath, pos);
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                h.readFully(payload, pos + RECORD_HEADER);
                CRC32C c = new CRC32C();
                c.update(payload.array());
                if ((int) c.getValue() != crc) {
                    if (records == 0) {
                        throw new IOException("manifest " + mpath + ": first record (offset 0) fails its checksum");
                    }
                    log.warn("manifest {}: record at offset {} fails its checksum; treating it as a torn tail", mpath, pos);
                    break;
                }
                VersionEdit e;
                try {
                    e = VersionEdit.decode(payload.array());
                } catch (RuntimeException ex) {
                    throw new IOException("manifest " + mpath + ": record at offset " + pos + " does not parse", ex);
                }
                if (e.nextFileNumber != null) {
                    nextFile = Math.max(nextFile, e.nextFileNumber);
                }
                if (e.flushedSequence != null) {
                    flushed = Math.max(flushed, e.flushedSequence);
                }
                for (VersionEdit.DeletedFile d : e.deleted) {
                    levels.get(d.level()).remove(d.number());
                }
                for (VersionEdit.NewFile n : e.added) {
                    if (n.level() >= maxLevels) {
                        throw new IOException("manifest " + mpath + " has a file in level " + n.level()
                                + " but the engine is configured for " + maxLevels + " levels");
                    }
                    levels.get(n.level()).put(n.file().number, n.file());
                    nextFile = Math.max(nextFile, n.file().number + 1);
                }
                pos += RECORD_HEADER + length;
                records++;
            }
            if (records == 0) {
                // CURRENT only ever names a manifest whose snapshot record was synced first.
                throw new IOException("manifest " + mpath + " named by CURRENT holds no valid record");
            }
        }
        return new State(name, levels, nextFile, flushed);
    }

    /** Creates manifest {@code number} holding {@code snapshot}, syncs it, and points CURRENT at it. */
    static Manifest create(FileSystem fs, Path dir, long number, VersionEdit snapshot) throws IOException {
        Path p = dir.resolve(name(number));
        FileHandle h = fs.open(p, OpenMode.CREATE_NEW);
        try {
            Manifest m = new Manifest(h, p, 0);
            m.append(snapshot);
            fs.syncDirectory(dir);
            Path tmp = dir.resolve(CURRENT + ".tmp");
            try (FileHandle c = fs.open(tmp, OpenMode.CREATE)) {
                c.truncate(0);
                c.write(ByteBuffer.wrap((name(number) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                c.sync();
            }
            fs.rename(tmp, dir.resolve(CURRENT));
            fs.syncDirectory(dir);
            return m;
        } catch (IOException | RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /** Appends an edit and syncs it: once this returns the edit survives a crash. */
    void append(VersionEdit edit) throws IOException {
        byte[] payload = edit.encode();
        ByteBuffer rec = ByteBuffer.allocate(RECORD_HEADER + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C c = new CRC32C();
        c.update(payload);
        rec.putInt(payload.length).putInt((int) c.getValue()).put(payload).flip();
        file.write(rec, size);
        size += RECORD_HEADER + payload.length;
        file.sync();
    }

    long size() {
        return size;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}

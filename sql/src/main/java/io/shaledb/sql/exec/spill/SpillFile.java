package io.shaledb.sql.exec.spill;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One temporary file of rows: written once from start to end, then read back from the start any
 * number of times, and deleted by {@link #close()} (which also closes every reader still open).
 *
 * <pre>
 *   create ──write(row)*──> finish ──reader()──> next()* ... ──close()──> file deleted
 * </pre>
 *
 * The layout is a 5-byte header ({@code "SHSP"}, version 1) and then the rows in
 * {@link SpillCodec}'s encoding (docs/formats/spill-files.md). I/O failures become SQL errors:
 * 53100 when the disk is full, 58030 otherwise, naming the file.
 */
public final class SpillFile implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SpillFile.class);
    static final byte[] MAGIC = {'S', 'H', 'S', 'P', 1};
    private static final int BUFFER = 8 * 1024;

    private final TempFiles owner;
    private final Path path;
    private final String purpose;
    private final long logThresholdKb;
    private DataOutputStream out;
    private final List<Reader> readers = new ArrayList<>();
    private long rows;
    private long bytes;
    private boolean deleted;

    SpillFile(TempFiles owner, Path path, String purpose, long logThresholdKb) {
        this.owner = owner;
        this.path = path;
        this.purpose = purpose;
        this.logThresholdKb = logThresholdKb;
        try {
            OutputStream file = Files.newOutputStream(path);
            out = new DataOutputStream(new BufferedOutputStream(new CountingOutput(file), BUFFER));
            out.write(MAGIC);
        } catch (IOException e) {
            throw failure("create", e);
        }
    }

    /** Appends a row; only before {@link #finish()}. */
    public void write(Object[] row) {
        if (out == null) {
            throw new IllegalStateException("temporary file " + path + " is no longer being written");
        }
        try {
            SpillCodec.writeRow(out, row);
        } catch (IOException e) {
            throw failure("write to", e);
        }
        rows++;
    }

    /** Ends writing: flushes and closes the output. Idempotent. */
    public void finish() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw failure("write to", e);
            } finally {
                out = null;
            }
        }
    }

    /** A reader from the first row (finishes writing first). */
    public Reader reader() {
        finish();
        if (deleted) {
            throw new IllegalStateException("temporary file " + path + " was deleted");
        }
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), BUFFER));
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            Reader r = new Reader(in, rows);
            readers.add(r);
            return r;
        } catch (IOException e) {
            throw failure("read from", e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Bytes written so far (including the header and what is still buffered once finished). */
    public long bytes() {
        return bytes;
    }

    /** False once {@link #close()} deleted the file. */
    public boolean isOpen() {
        return !deleted;
    }

    public Path path() {
        return path;
    }

    /** Closes readers and the writer and deletes the file. Idempotent; never throws. */
    @Override
    public void close() {
        if (deleted) {
            return;
        }
        deleted = true;
        for (Reader r : readers) {
            r.close();
        }
        readers.clear();
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.debug("closing temporary file {} before deleting it failed", path, e);
            }
            out = null;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("could not delete temporary file {}: {}", path, e.toString());
        }
        if (logThresholdKb >= 0 && bytes >= logThresholdKb * 1024) {
            log.info("temporary file: path \"{}\", size {} ({})", path, bytes, purpose);
        } else {
            log.debug("temporary file: path \"{}\", size {} ({})", path, bytes, purpose);
        }
        owner.released(this);
    }

    private SqlException failure(String verb, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean full = reason.contains("No space left");
        return new SqlException(full ? SqlState.DISK_FULL : SqlState.IO_ERROR,
                "could not " + verb + " temporary file \"" + path + "\": " + reason, 0, null, null, e);
    }

    /** Reads the rows back in the order they were written. */
    public final class Reader implements AutoCloseable {
        private DataInputStream in;
        private long left;

        private Reader(DataInputStream in, long rows) {
            this.in = in;
            this.left = rows;
        }

        /** The next row, or null after the last. */
        public Object[] next() {
            if (left == 0 || in == null) {
                close();
                return null;
            }
            try {
                Object[] row = SpillCodec.readRow(in, (int) SpillCodec.readVarint(in));
                left--;
                return row;
            } catch (IOException e) {
                throw failure("read from", e);
            }
        }

        @Override
        public void close() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    log.debug("closing a reader of temporary file {} failed", path, e);
                }
                in = null;
            }
        }
    }

    /** Counts the bytes that reach the file. */
    private final class CountingOutput extends java.io.FilterOutputStream {
        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }
    }
}

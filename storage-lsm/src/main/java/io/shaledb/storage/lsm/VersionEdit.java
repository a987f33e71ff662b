package io.shaledb.storage.lsm;

import io.shaledb.storage.lsm.sst.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One change to the level structure, as logged in the manifest: files deleted and added per
 * level, and the counters that recovery needs. See {@code docs/formats/manifest.md}.
 */
final class VersionEdit {
    static final int TAG_NEXT_FILE_NUMBER = 1;
    static final int TAG_FLUSHED_SEQUENCE = 2;
    static final int TAG_DELETED_FILE = 3;
    static final int TAG_NEW_FILE = 4;
    /** The memtable log's format (absent: 1); in every snapshot from log format 2 on, so older engines refuse it. */
    static final int TAG_LOG_FORMAT = 5;

    record DeletedFile(int level, long number) {}

    record NewFile(int level, FileMeta file) {}

    Long nextFileNumber;
    Long flushedSequence;
    Integer logFormat;
    final List<DeletedFile> deleted = new ArrayList<>();
    final List<NewFile> added = new ArrayList<>();

    VersionEdit delete(int level, long number) {
        deleted.add(new DeletedFile(level, number));
        return this;
    }

    VersionEdit add(int level, FileMeta f) {
        added.add(new NewFile(level, f));
        return this;
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (nextFileNumber != null) {
            Varint.write(out, TAG_NEXT_FILE_NUMBER);
            Varint.write(out, nextFileNumber);
        }
        if (flushedSequence != null) {
            Varint.write(out, TAG_FLUSHED_SEQUENCE);
            Varint.write(out, flushedSequence);
        }
        if (logFormat != null) {
            Varint.write(out, TAG_LOG_FORMAT);
            Varint.write(out, logFormat);
        }
        for (DeletedFile d : deleted) {
            Varint.write(out, TAG_DELETED_FILE);
            Varint.write(out, d.level());
            Varint.write(out, d.number());
        }
        for (NewFile n : added) {
            FileMeta f = n.file();
            Varint.write(out, TAG_NEW_FILE);
            Varint.write(out, n.level());
            Varint.write(out, f.number);
            Varint.write(out, f.fileSize);
            Varint.write(out, f.entries);
            Varint.write(out, f.tombstones);
            Varint.write(out, f.minSeq);
            Varint.write(out, f.maxSeq);
            Varint.write(out, f.smallest.length);
            out.write(f.smallest, 0, f.smallest.length);
            Varint.write(out, f.largest.length);
            out.write(f.largest, 0, f.largest.length);
        }
        return out.toByteArray();
    }

    static VersionEdit decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        VersionEdit e = new VersionEdit();
        while (in.hasRemaining()) {
            int tag = Varint.readInt(in);
            switch (tag) {
                case TAG_NEXT_FILE_NUMBER -> e.nextFileNumber = Varint.read(in);
                case TAG_FLUSHED_SEQUENCE -> e.flushedSequence = Varint.read(in);
                case TAG_DELETED_FILE -> e.delete(Varint.readInt(in), Varint.read(in));
                case TAG_LOG_FORMAT -> {
                    e.logFormat = Varint.readInt(in);
                    if (e.logFormat < 1 || e.logFormat > BatchCodec.LOG_FORMAT) {
                        throw new IllegalArgumentException("memtable log format " + e.logFormat
                                + " is not supported (this engine reads formats 1 to " + BatchCodec.LOG_FORMAT + ")");
                    }
                }
                case TAG_NEW_FILE -> {
                    int level = Varint.readInt(in);
                    long number = Varint.read(in);
                    long size = Varint.read(in);
                    long entries = Varint.read(in);
                    long tombstones = Varint.read(in);
                    long minSeq = Varint.read(in);
                    long maxSeq = Varint.read(in);
                    byte[] smallest = new byte[Varint.readInt(in)];
                    in.get(smallest);
                    byte[] largest = new byte[Varint.readInt(in)];
                    in.get(largest);
                    e.add(level, new FileMeta(number, size, smallest, largest, entries, tombstones, minSeq, maxSeq));
                }
                default -> throw new IllegalArgumentException("unknown manifest edit tag " + tag);
            }
        }
        return e;
    }
}

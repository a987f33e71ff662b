package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.VersionScan;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DUMP and RESTORE payloads in Redis's format, so that a payload moves between ShaleDB and Redis:
 *
 * <pre>
 *   u8 type | value (RDB encoding) | u16 RDB version, little-endian | u64 CRC-64 (Jones, init 0) of all before, little-endian
 * </pre>
 *
 * DUMP writes the plain RDB types any Redis loads — 0 string, 1 list, 2 set, 4 hash, 5 sorted set
 * (scores as 8-byte little-endian doubles) — with raw length-prefixed strings, and RDB version 10
 * (Redis 7.0). RESTORE reads those, sorted sets with text scores (type 3), and strings stored as
 * integers or LZF-compressed as Redis writes them; the compact encodings Redis dumps small
 * collections in (ziplist, intset, listpack, quicklist: types 9 and up) are refused as bad data.
 * A restored collection's encoding follows from its contents ({@link KvEncodingRules}), as in Redis.
 */
final class KvDump {
    static final int RDB_VERSION = 10;
    private static final int STRING = 0;
    private static final int LIST = 1;
    private static final int SET = 2;
    private static final int ZSET = 3;
    private static final int HASH = 4;
    private static final int ZSET_2 = 5;
    static final String BAD_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
    static final String BAD_DATA = "ERR Bad data format";

    private KvDump() {}

    /** A parsed payload: the type and its elements (a string's value; pairs for hashes; member, score for zsets). */
    record Value(KvType type, List<byte[]> elements, List<Double> scores) {}

    // ------------------------------------------------------------------ DUMP

    /** The payload of {@code key}'s value as this transaction sees it ({@code m} its live metadata). */
    static byte[] dump(KvTxn t, int db, byte[] key, KvMeta m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (m.type() == KvType.STRING) {
            out.write(STRING);
            writeString(out, m.value());
        } else {
            List<byte[][]> rows = new ArrayList<>();
            byte[] prefix = KvKeys.subPrefix(db, key, m.version());
            try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
                while (s.next()) {
                    rows.add(new byte[][] {KvKeys.fieldOfSub(s.current().userKey(), prefix.length), s.current().payload()});
                }
            }
            out.write(switch (m.type()) {
                case LIST -> LIST;
                case SET -> SET;
                case HASH -> HASH;
                default -> ZSET_2;
            });
            writeLength(out, rows.size());
            for (byte[][] row : rows) {
                switch (m.type()) {
                    case LIST -> writeString(out, row[1]); // list slots scan in index order
                    case SET -> writeString(out, row[0]);
                    case HASH -> {
                        writeString(out, row[0]);
                        writeString(out, row[1]);
                    }
                    default -> {
                        writeString(out, row[0]);
                        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                                .putDouble(KvSortedSets.decodeScore(row[1])).array());
                    }
                }
            }
        }
        out.write(RDB_VERSION & 0xFF);
        out.write(RDB_VERSION >>> 8);
        byte[] body = out.toByteArray();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc64(body, body.length)).array());
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, long n) {
        if (n < 1 << 6) {
            out.write((int) n);
        } else if (n < 1 << 14) {
            out.write(0x40 | (int) (n >>> 8));
            out.write((int) n & 0xFF);
        } else if (n <= 0xFFFFFFFFL) {
            out.write(0x80);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) n).array());
        } else {
            out.write(0x81);
            out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        writeLength(out, s.length);
        out.writeBytes(s);
    }

    // ------------------------------------------------------------------ RESTORE

    /** Checks the footer (version and checksum) and parses the value; KvException with Redis's texts otherwise. */
    static Value parse(byte[] payload) {
        if (payload.length < 10) {
            throw new KvException(BAD_PAYLOAD);
        }
        int footer = payload.length - 10;
        int version = (payload[footer] & 0xFF) | (payload[footer + 1] & 0xFF) << 8;
        long crc = ByteBuffer.wrap(payload, footer + 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (version > RDB_VERSION || crc64(payload, footer + 2) != crc) {
            throw new KvException(BAD_PAYLOAD);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(payload, 0, footer);
            Value v = readValue(in);
            if (in.hasRemaining()) {
                throw new KvException(BAD_DATA);
            }
            return v;
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new KvException(BAD_DATA);
        }
    }

    private static Value readValue(ByteBuffer in) {
        int type = in.get() & 0xFF;
        List<byte[]> elements = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        if (type == STRING) {
            elements.add(readString(in));
            return new Value(KvType.STRING, elements, scores);
        }
        long n = readLength(in);
        if (n <= 0 || n > in.remaining()) { // an empty collection is not a key; every element takes a byte at least
            throw new KvException(BAD_DATA);
        }
        Set<java.nio.ByteBuffer> seen = new HashSet<>();
        for (long i = 0; i < n; i++) {
            byte[] e = readString(in);
            if (type != LIST && !seen.add(ByteBuffer.wrap(e))) {
                throw new KvException(BAD_DATA); // duplicate member or field
            }
            elements.add(e);
            switch (type) {
                case LIST, SET -> { }
                case HASH -> elements.add(readString(in));
                case ZSET_2 -> scores.add(in.order(ByteOrder.LITTLE_ENDIAN).getDouble());
                case ZSET -> scores.add(textScore(in));
                default -> throw new KvException(BAD_DATA);
            }
            in.order(ByteOrder.BIG_ENDIAN);
        }
        KvType kind = switch (type) {
            case LIST -> KvType.LIST;
            case SET -> KvType.SET;
            case HASH -> KvType.HASH;
            default -> KvType.ZSET;
        };
        for (double d : scores) {
            if (Double.isNaN(d)) {
                throw new KvException(BAD_DATA);
            }
        }
        return new Value(kind, elements, scores);
    }

    /** RDB's old score encoding: u8 length, then the text; 253 nan, 254 +inf, 255 -inf. */
    private static double textScore(ByteBuffer in) {
        int len = in.get() & 0xFF;
        return switch (len) {
            case 253 -> Double.NaN;
            case 254 -> Double.POSITIVE_INFINITY;
            case 255 -> Double.NEGATIVE_INFINITY;
            default -> {
                byte[] text = new byte[len];
                in.get(text);
                yield Double.parseDouble(new String(text, java.nio.charset.StandardCharsets.US_ASCII));
            }
        };
    }

    /** A length; -1 - kind for the special string encodings (kind 0 int8, 1 int16, 2 int32, 3 LZF). */
    private static long readLengthOrSpecial(ByteBuffer in) {
        int b = in.get() & 0xFF;
        return switch (b >>> 6) {
            case 0 -> b & 0x3F;
            case 1 -> (b & 0x3F) << 8 | (in.get() & 0xFF);
            case 2 -> switch (b) {
                case 0x80 -> Integer.toUnsignedLong(in.getInt());
                case 0x81 -> in.getLong();
                default -> throw new KvException(BAD_DATA);
            };
            default -> -1 - (b & 0x3F);
        };
    }

    private static long readLength(ByteBuffer in) {
        long n = readLengthOrSpecial(in);
        if (n < 0) {
            throw new KvException(BAD_DATA);
        }
        return n;
    }

    private static byte[] readString(ByteBuffer in) {
        long n = readLengthOrSpecial(in);
        if (n >= 0) {
            if (n > in.remaining()) {
                throw new KvException(BAD_DATA);
            }
            byte[] s = new byte[(int) n];
            in.get(s);
            return s;
        }
        long value = switch ((int) (-1 - n)) {
            case 0 -> in.get();
            case 1 -> in.order(ByteOrder.LITTLE_ENDIAN).getShort();
            case 2 -> in.order(ByteOrder.LITTLE_ENDIAN).getInt();
            case 3 -> Long.MIN_VALUE; // LZF below
            default -> throw new KvException(BAD_DATA);
        };
        in.order(ByteOrder.BIG_ENDIAN);
        if (value != Long.MIN_VALUE) {
            return Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        long compressed = readLength(in);
        long length = readLength(in);
        if (compressed > in.remaining() || length > Integer.MAX_VALUE - 8) {
            throw new KvException(BAD_DATA);
        }
        byte[] packed = new byte[(int) compressed];
        in.get(packed);
        return lzfDecompress(packed, (int) length);
    }

    /** LZF (liblzf's format, as Redis compresses long strings): literal runs and back references. */
    private static byte[] lzfDecompress(byte[] in, int length) {
        byte[] out = new byte[length];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xFF;
            if (ctrl < 32) { // a literal run of ctrl + 1 bytes
                int run = ctrl + 1;
                if (op + run > length || ip + run > in.length) {
                    throw new KvException(BAD_DATA);
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
            } else { // a back reference: length (ctrl >> 5) + 2, or 7 + next byte + 2
                int len = ctrl >>> 5;
                if (len == 7) {
                    len += in[ip++] & 0xFF;
                }
                len += 2;
                int ref = op - ((ctrl & 0x1F) << 8) - 1 - (in[ip++] & 0xFF);
                if (ref < 0 || op + len > length) {
                    throw new KvException(BAD_DATA);
                }
                for (int i = 0; i < len; i++) {
                    out[op++] = out[ref++]; // may overlap: byte by byte
                }
            }
        }
        if (op != length) {
            throw new KvException(BAD_DATA);
        }
        return out;
    }

    /** Writes {@code v} as {@code key} with deadline {@code expireAt} (0: none), replacing {@code old} (its live metadata or null). */
    static void restore(KvStore store, KvTxn t, int db, byte[] key, KvMeta old, Value v, long expireAt) {
        if (v.type() == KvType.STRING) {
            t.put(db, key, old, KvMeta.string(v.elements().getFirst(), expireAt));
            return;
        }
        long version = store.newVersion();
        List<byte[]> elements = v.elements();
        long size = v.type() == KvType.HASH ? elements.size() / 2 : elements.size();
        switch (v.type()) {
            case LIST -> {
                for (int i = 0; i < elements.size(); i++) {
                    t.putRow(KvKeys.sub(db, key, version, KvLists.indexField(i)), elements.get(i));
                }
            }
            case SET -> elements.forEach(e -> t.putRow(KvKeys.sub(db, key, version, e), new byte[0]));
            case HASH -> {
                for (int i = 0; i < elements.size(); i += 2) {
                    t.putRow(KvKeys.sub(db, key, version, elements.get(i)), elements.get(i + 1));
                }
            }
            default -> {
                for (int i = 0; i < elements.size(); i++) {
                    double score = v.scores().get(i) == 0.0 ? 0.0 : v.scores().get(i); // -0 stored as 0
                    t.putRow(KvKeys.sub(db, key, version, elements.get(i)), KvSortedSets.encodeScore(score));
                    t.putRow(KvKeys.score(db, key, version, score, elements.get(i)), new byte[0]);
                }
            }
        }
        KvMeta meta = v.type() == KvType.LIST ? new KvMeta(KvType.LIST, expireAt, version, size, null, 0)
                : store.encodingRules().afterWrite(new KvMeta(v.type(), expireAt, version, size, null), elements);
        t.put(db, key, old, meta);
    }

    // ------------------------------------------------------------------ CRC-64

    private static final long[] CRC_TABLE = new long[256];

    static {
        long reflected = 0x95AC9329AC4BC9B5L; // Jones' polynomial 0xad93d23594c935a9, bit-reversed
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int j = 0; j < 8; j++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflected : crc >>> 1;
            }
            CRC_TABLE[i] = crc;
        }
    }

    /** Redis's crc64 (Jones polynomial, reflected, initial value 0, no final xor) of the first {@code length} bytes. */
    static long crc64(byte[] data, int length) {
        long crc = 0;
        for (int i = 0; i < length; i++) {
            crc = CRC_TABLE[(int) ((crc ^ data[i]) & 0xFF)] ^ (crc >>> 8);
        }
        return crc;
    }
}

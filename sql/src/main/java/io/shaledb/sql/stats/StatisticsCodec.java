package io.shaledb.sql.stats;

import io.shaledb.sql.types.DateTimes;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stored form of a table's statistics: the payload of its row in the statistics relation
 * (docs/formats/catalog.md, "Statistics"). Catalog object format version 3, kind 9.
 *
 * <pre>
 *   u8 version = 3, u8 kind = 9, i32 table id, f64 reltuples, i64 relpages,
 *   i64 last analyze, i64 last autoanalyze (microseconds since 1970, -1 = never),
 *   i64 analyze count, i64 autoanalyze count,
 *   i16 column count, per column:
 *     utf name, utf type (PostgreSQL's name), f32 null_frac, i32 avg_width, f32 n_distinct,
 *     i16 MCV count, per MCV: utf value (the type's text form; timestamptz in UTC), f32 frequency,
 *     i16 histogram bound count, per bound: utf value,
 *     bool has correlation [f32 correlation]
 *   i16 statistics target count, per target: utf column, i32 target   (ALTER TABLE ... SET STATISTICS)
 * </pre>
 */
final class StatisticsCodec {
    static final byte VERSION = 3;
    /** The catalog object kind allotted to column statistics. */
    static final byte KIND_STATISTICS = 9;

    private StatisticsCodec() {}

    static byte[] encode(TableStats t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(KIND_STATISTICS);
            out.writeInt(t.tableId());
            out.writeDouble(t.reltuples());
            out.writeLong(t.relpages());
            out.writeLong(micros(t.lastAnalyze()));
            out.writeLong(micros(t.lastAutoanalyze()));
            out.writeLong(t.analyzeCount());
            out.writeLong(t.autoanalyzeCount());
            out.writeShort(t.columns().size());
            for (ColumnStats c : t.columns().values()) {
                out.writeUTF(c.column());
                out.writeUTF(c.type().sqlName());
                out.writeFloat(c.nullFrac());
                out.writeInt(c.avgWidth());
                out.writeFloat(c.nDistinct());
                out.writeShort(c.mcvValues().size());
                for (int i = 0; i < c.mcvValues().size(); i++) {
                    Object value = c.mcvValues().get(i);
                    out.writeUTF(inUtc(() -> c.type().toText(value)));
                    out.writeFloat(c.mcvFreqs()[i]);
                }
                out.writeShort(c.histogram().size());
                for (Object bound : c.histogram()) {
                    out.writeUTF(inUtc(() -> c.type().toText(bound)));
                }
                out.writeBoolean(c.correlation() != null);
                if (c.correlation() != null) {
                    out.writeFloat(c.correlation());
                }
            }
            out.writeShort(t.targets().size());
            for (Map.Entry<String, Integer> e : t.targets().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TableStats decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            byte kind = in.readByte();
            if (version != VERSION || kind != KIND_STATISTICS) {
                throw new IllegalStateException("unknown statistics object version " + version + " kind " + kind
                        + " (this build reads version " + VERSION + " kind " + KIND_STATISTICS + ")");
            }
            int tableId = in.readInt();
            double reltuples = in.readDouble();
            long relpages = in.readLong();
            Instant lastAnalyze = instant(in.readLong());
            Instant lastAuto = instant(in.readLong());
            long analyzeCount = in.readLong();
            long autoCount = in.readLong();
            int n = in.readShort();
            Map<String, ColumnStats> columns = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                String name = in.readUTF();
                SqlType type = typeByName(in.readUTF());
                float nullFrac = in.readFloat();
                int width = in.readInt();
                float nDistinct = in.readFloat();
                int nmcv = in.readShort();
                List<Object> mcv = new ArrayList<>(nmcv);
                float[] freqs = new float[nmcv];
                for (int i = 0; i < nmcv; i++) {
                    String text = in.readUTF();
                    mcv.add(inUtc(() -> Values.parse(text, type)));
                    freqs[i] = in.readFloat();
                }
                int nhist = in.readShort();
                List<Object> hist = new ArrayList<>(nhist);
                for (int i = 0; i < nhist; i++) {
                    String text = in.readUTF();
                    hist.add(inUtc(() -> Values.parse(text, type)));
                }
                Float correlation = in.readBoolean() ? in.readFloat() : null;
                columns.put(name, new ColumnStats(name, type, nullFrac, width, nDistinct, mcv, freqs, hist, correlation));
            }
            int ntargets = in.readShort();
            Map<String, Integer> targets = new LinkedHashMap<>();
            for (int i = 0; i < ntargets; i++) {
                targets.put(in.readUTF(), in.readInt());
            }
            return new TableStats(tableId, reltuples, relpages, lastAnalyze, lastAuto, analyzeCount, autoCount, columns, targets);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt statistics object", e);
        }
    }

    private static long micros(Instant i) {
        return i == null ? -1 : i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    private static Instant instant(long micros) {
        return micros < 0 ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    private static <T> T inUtc(Supplier<T> conversion) {
        return DateTimes.with(new DateTimes.Context(ZoneOffset.UTC, 0, 0), conversion);
    }

    private static SqlType typeByName(String name) {
        for (SqlType t : SqlType.values()) {
            if (t.sqlName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("unknown column type in statistics: " + name);
    }
}

package io.shaledb.sql.catalog;

import io.shaledb.sql.types.SqlType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a table descriptor (format version 2; version 1, written before tables chose
 * their engine, lacks the last field and reads as the catalog's own engine):
 *
 * <pre>
 *   byte  version = 2
 *   int   table id
 *   utf   table name
 *   short column count, then per column:
 *         utf name, utf type (PostgreSQL type name, e.g. "integer"), int typmod (-1 none; see
 *         Column), bool notNull. Before varchar became a type, a varchar(n) column was stored as
 *         "text" with typmod n and still reads as varchar(n).
 *   short primary-key length, then per key column: short column index
 *   utf   storage engine name (version 2)
 * </pre>
 *
 * Types are stored by name rather than enum ordinal so that reordering {@link SqlType} never
 * corrupts a catalog.
 */
final class CatalogCodec {
    static final byte VERSION = 2;

    private CatalogCodec() {}

    static byte[] encodeTable(Table t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeInt(t.id());
            out.writeUTF(t.name());
            out.writeShort(t.columns().size());
            for (Column c : t.columns()) {
                out.writeUTF(c.name());
                out.writeUTF(c.type().sqlName());
                out.writeInt(c.maxLength());
                out.writeBoolean(c.notNull());
            }
            out.writeShort(t.primaryKeyLength());
            for (int i = 0; i < t.primaryKeyLength(); i++) {
                out.writeShort(t.primaryKeyColumn(i));
            }
            out.writeUTF(t.engine());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Table decodeTable(byte[] data, String defaultEngine) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != 1 && version != VERSION) {
                throw new IllegalStateException("unknown table descriptor version " + version);
            }
            int id = in.readInt();
            String name = in.readUTF();
            int n = in.readShort();
            List<Column> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String colName = in.readUTF();
                SqlType type = typeByName(in.readUTF());
                int maxLength = in.readInt();
                if (type == SqlType.TEXT && maxLength >= 0) {
                    type = SqlType.VARCHAR; // written before varchar was a type of its own
                }
                boolean notNull = in.readBoolean();
                columns.add(new Column(colName, type, maxLength, notNull));
            }
            int[] pk = new int[in.readShort()];
            for (int i = 0; i < pk.length; i++) {
                pk[i] = in.readShort();
            }
            String engine = version >= 2 ? in.readUTF() : defaultEngine;
            return new Table(id, name, columns, pk, engine);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt table descriptor", e);
        }
    }

    private static SqlType typeByName(String name) {
        for (SqlType t : SqlType.values()) {
            if (t.sqlName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("unknown column type in catalog: " + name);
    }
}

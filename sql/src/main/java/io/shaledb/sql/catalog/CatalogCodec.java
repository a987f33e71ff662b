package io.shaledb.sql.catalog;

import io.shaledb.sql.types.DateTimes;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a catalog object: the payload of its catalog row version. Format version 3
 * (see docs/formats/catalog.md):
 *
 * <pre>
 *   byte  version = 3
 *   byte  kind (1 = table; 2 view, 3 sequence, 4 index: see their encode methods)
 *   int   table id, int storage id (the rows' key space)
 *   utf   table name, utf storage engine name
 *   short column count, then per column:
 *         utf name, utf type (PostgreSQL type name, e.g. "integer"), int typmod (-1 none; see
 *         Column), bool notNull, bool hasDefault [utf default expression text], bool hasMissing
 *         [utf missing value as text, timestamptz in UTC], u8 identity (0, 'a' ALWAYS, 'd' BY DEFAULT).
 *         Before varchar became a type, a varchar(n) column was stored as "text" with typmod n and
 *         still reads as varchar(n).
 *   short primary-key length, then per key column: short column index
 * </pre>
 *
 * Versions 1 and 2 were the raw (non-transactional) descriptors of earlier releases; they are
 * read only to migrate them ({@link #decodeLegacyTable}). Types are stored by name rather than
 * enum ordinal so that reordering {@link SqlType} never corrupts a catalog.
 */
final class CatalogCodec {
    static final byte VERSION = 3;
    static final byte KIND_TABLE = 1;
    /** A view: its SQL text, output columns and the relations it names (see docs/formats/catalog.md). */
    static final byte KIND_VIEW = 2;
    static final byte KIND_SEQUENCE = 3;
    static final byte KIND_INDEX = 4;
    static final byte KIND_SCHEMA = 5;
    /** A user-defined function; also its key kind: {@code 'c' 'o' tuple(7, signature)}. */
    static final byte KIND_FUNCTION = 7;
    /** A trigger; also its key kind: {@code 'c' 'o' tuple(8, "tableId.name")}. */
    static final byte KIND_TRIGGER = 8;
    /** An index with entries (kind 4 was a definition only, written by earlier releases). */
    static final byte KIND_INDEX_V2 = 10;
    /** A role (branch auth); also its key kind: {@code 'c' 'o' tuple(11, name)}. */
    static final byte KIND_ROLE = 11;
    /** Owner and privileges of an object (branch grants); also its key kind: {@code 'c' 'o' tuple(12, "r/<id>")}. */
    static final byte KIND_ACL = 12;
    /** The key kind of schemas (relations use 1): {@code 'c' 'o' tuple(2, name)}. */
    static final byte KEY_KIND_SCHEMA = 2;
    /** A table constraint (see {@link #encodeConstraint}). */
    static final byte KIND_CONSTRAINT = 6;
    /** The key kind of constraints: {@code 'c' 'o' tuple(3, "<table id>/<name>")}. */
    static final byte KEY_KIND_CONSTRAINT = 3;

    /** A catalog row's payload: a {@link Table}, {@link Sequence}, {@link Index} or {@link View}. */
    static Object decode(byte[] data) {
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_SEQUENCE) {
            return decodeSequence(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_INDEX) {
            return decodeIndex(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_INDEX_V2) {
            return decodeIndexV2(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_SCHEMA) {
            return decodeSchema(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_CONSTRAINT) {
            return decodeConstraint(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_VIEW) {
            return decodeView(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_FUNCTION) {
            return decodeFunction(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_TRIGGER) {
            return decodeTrigger(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_ROLE) {
            return decodeRole(data);
        }
        if (data.length >= 2 && data[0] == VERSION && data[1] == KIND_ACL) {
            return decodeAcl(data);
        }
        return decodeTable(data);
    }

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 3, i32 id, utf name, i64 increment, i64 min, i64 max, i64 start,
     *   i64 cache, bool cycle, i32 owner table id (0 = none), bool hasOwnerColumn [utf column]
     * </pre>
     */
    static byte[] encodeSequence(Sequence q) {
        return encode(KIND_SEQUENCE, out -> {
            out.writeInt(q.id());
            out.writeUTF(q.name());
            out.writeLong(q.increment());
            out.writeLong(q.min());
            out.writeLong(q.max());
            out.writeLong(q.start());
            out.writeLong(q.cache());
            out.writeBoolean(q.cycle());
            out.writeInt(q.ownerTableId());
            writeNullableUtf(out, q.ownerColumn());
        });
    }

    static Sequence decodeSequence(byte[] data) {
        return decode(data, "sequence", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            long increment = in.readLong();
            long min = in.readLong();
            long max = in.readLong();
            long start = in.readLong();
            long cache = in.readLong();
            boolean cycle = in.readBoolean();
            int owner = in.readInt();
            String ownerColumn = readNullableUtf(in);
            return new Sequence(id, name, increment, min, max, start, cache, cycle, owner, ownerColumn);
        });
    }

    private CatalogCodec() {}

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 6, i32 id, utf name, i32 table id, u8 type ('c' 'f' 'p' 'u'),
     *   i16 n, n x utf column, bool hasCheck [utf CHECK expression SQL text],
     *   i32 referenced table id (0 = none), i16 m, m x utf referenced column,
     *   u8 match type, u8 update action, u8 delete action, i16 k, k x utf SET NULL/DEFAULT column,
     *   u8 flags (1 deferrable, 2 initially deferred, 4 validated, 8 no inherit)
     * </pre>
     */
    static byte[] encodeConstraint(Constraint k) {
        return encode(KIND_CONSTRAINT, out -> {
            out.writeInt(k.id());
            out.writeUTF(k.name());
            out.writeInt(k.tableId());
            out.writeByte(k.type());
            writeNames(out, k.columns());
            writeNullableUtf(out, k.checkExpr());
            out.writeInt(k.refTableId());
            writeNames(out, k.refColumns());
            out.writeByte(k.matchType());
            out.writeByte(k.updateAction());
            out.writeByte(k.deleteAction());
            writeNames(out, k.setColumns());
            out.writeByte((k.deferrable() ? 1 : 0) | (k.deferred() ? 2 : 0) | (k.validated() ? 4 : 0) | (k.noInherit() ? 8 : 0));
        });
    }

    static Constraint decodeConstraint(byte[] data) {
        return decode(data, "constraint", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            int tableId = in.readInt();
            char type = (char) in.readByte();
            List<String> columns = readNames(in);
            String check = readNullableUtf(in);
            int refTableId = in.readInt();
            List<String> refColumns = readNames(in);
            char match = (char) in.readByte();
            char onUpdate = (char) in.readByte();
            char onDelete = (char) in.readByte();
            List<String> setColumns = readNames(in);
            int flags = in.readByte();
            return new Constraint(id, name, tableId, type, columns, check, refTableId, refColumns, match, onUpdate, onDelete,
                    setColumns, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0);
        });
    }

    /** {@code i16 n, n x utf}. */
    private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
        out.writeShort(names.size());
        for (String n : names) {
            out.writeUTF(n);
        }
    }

    private static List<String> readNames(DataInputStream in) throws IOException {
        int n = in.readShort();
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.readUTF());
        }
        return names;
    }

    /** {@code bool present [utf value]}. */
    private static void writeNullableUtf(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    /** Reads what {@link #writeNullableUtf} wrote. */
    private static String readNullableUtf(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** Writes one object's fields after the format version and {@code kind}. */
    @FunctionalInterface
    private interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads one object's fields, positioned after the format version and kind. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** {@code u8 version, u8 kind}, then whatever {@code fields} writes. */
    private static byte[] encode(byte kind, Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeByte(kind);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the version and kind bytes (the caller dispatched on them) and reads the rest. */
    private static <T> T decode(byte[] data, String what, Reader<T> reader) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            in.readByte();
            in.readByte();
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + what + " object", e);
        }
    }

    static byte[] encodeTable(Table t) {
        return encode(KIND_TABLE, out -> {
            out.writeInt(t.id());
            out.writeInt(t.storageId());
            out.writeUTF(t.name());
            out.writeUTF(t.engine());
            out.writeShort(t.columns().size());
            for (Column c : t.columns()) {
                out.writeUTF(c.name());
                out.writeUTF(c.type().sqlName());
                out.writeInt(c.maxLength());
                out.writeBoolean(c.notNull());
                writeNullableUtf(out, c.defaultExpr());
                out.writeBoolean(c.missing() != null);
                if (c.missing() != null) {
                    out.writeUTF(inUtc(c.missing(), v -> c.type().toText(v)));
                }
                out.writeByte(c.identity());
            }
            out.writeShort(t.primaryKeyLength());
            for (int i = 0; i < t.primaryKeyLength(); i++) {
                out.writeShort(t.primaryKeyColumn(i));
            }
        });
    }

    static Table decodeTable(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown catalog object version " + version + " (this build reads version "
                        + VERSION + "; a newer ShaleDB wrote this data directory)");
            }
            byte kind = in.readByte();
            if (kind != KIND_TABLE) {
                throw new IllegalStateException("unknown catalog object kind " + kind);
            }
            int id = in.readInt();
            int storageId = in.readInt();
            String name = in.readUTF();
            String engine = in.readUTF();
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
                String defaultExpr = readNullableUtf(in);
                SqlType columnType = type;
                Object missing = in.readBoolean() ? inUtc(in.readUTF(), t -> Values.parse(t, columnType)) : null;
                char identity = (char) in.readByte();
                columns.add(new Column(colName, type, maxLength, notNull, defaultExpr, missing, identity));
            }
            return new Table(id, storageId, name, columns, readPrimaryKey(in), engine);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt catalog object", e);
        }
    }

    /**
     * A raw table descriptor of format version 1 or 2 (before the catalog was transactional;
     * version 1, written before tables chose their engine, reads as the catalog's own engine).
     */
    static Table decodeLegacyTable(byte[] data, String defaultEngine) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != 1 && version != 2) {
                throw new IllegalStateException("unknown legacy table descriptor version " + version);
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
            int[] pk = readPrimaryKey(in);
            String engine = version >= 2 ? in.readUTF() : defaultEngine;
            return new Table(id, name, columns, pk, engine);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt table descriptor", e);
        }
    }

    private static int[] readPrimaryKey(DataInputStream in) throws IOException {
        int[] pk = new int[in.readShort()];
        for (int i = 0; i < pk.length; i++) {
            pk[i] = in.readShort();
        }
        return pk;
    }

    /**
     * Runs a text conversion of a stored value in UTC, so that a timestamptz is written and read
     * the same whatever the TimeZone of the session that happens to run it.
     */
    private static <A, R> R inUtc(A value, java.util.function.Function<A, R> conversion) {
        return DateTimes.with(new DateTimes.Context(java.time.ZoneOffset.UTC, 0, 0), () -> conversion.apply(value));
    }

    private static SqlType typeByName(String name) {
        for (SqlType t : SqlType.values()) {
            if (t.sqlName().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("unknown column type in catalog: " + name);
    }

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 10, i32 id, utf name, i32 table id, bool unique, utf method,
     *   i16 key count, per key: bool isExpression, utf column name or expression SQL text,
     *   bool descending, bool nullsFirst;
     *   bool hasPredicate [utf predicate SQL text],
     *   i32 storage id, i16 include count, per include: utf column, bool valid, i64 creating xid,
     *   [u8 flags: 1 = not immediate (a DEFERRABLE constraint's index); absent in records of
     *    earlier releases = 0]
     * </pre>
     */
    static byte[] encodeIndex(Index i) {
        return encode(KIND_INDEX_V2, out -> {
            out.writeInt(i.id());
            out.writeUTF(i.name());
            out.writeInt(i.tableId());
            out.writeBoolean(i.unique());
            out.writeUTF(i.method());
            out.writeShort(i.columns().size());
            for (Index.Key k : i.columns()) {
                out.writeBoolean(k.isExpression());
                out.writeUTF(k.isExpression() ? k.expression() : k.column());
                out.writeBoolean(k.descending());
                out.writeBoolean(k.nullsFirst());
            }
            writeNullableUtf(out, i.predicate());
            out.writeInt(i.storageId());
            out.writeShort(i.include().size());
            for (String c : i.include()) {
                out.writeUTF(c);
            }
            out.writeBoolean(i.valid());
            out.writeLong(i.createXid());
            out.writeByte(i.immediate() ? 0 : 1);
        });
    }

    static Index decodeIndexV2(byte[] data) {
        return decode(data, "index", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            int tableId = in.readInt();
            boolean unique = in.readBoolean();
            String method = in.readUTF();
            int n = in.readShort();
            List<Index.Key> keys = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                boolean expression = in.readBoolean();
                String text = in.readUTF();
                keys.add(new Index.Key(expression ? null : text, expression ? text : null, in.readBoolean(), in.readBoolean()));
            }
            String predicate = readNullableUtf(in);
            int storageId = in.readInt();
            int m = in.readShort();
            List<String> include = new ArrayList<>(m);
            for (int k = 0; k < m; k++) {
                include.add(in.readUTF());
            }
            boolean valid = in.readBoolean();
            long createXid = in.readLong();
            boolean immediate = in.available() == 0 || (in.readByte() & 1) == 0; // no flags: written before DEFERRABLE indexes
            return new Index(id, name, tableId, unique, method, keys, predicate, storageId, include, valid, createXid, immediate);
        });
    }

    /**
     * Kind 4, written by earlier releases (a definition without entries):
     * <pre>
     *   u8 version = 3, u8 kind = 4, i32 id, utf name, i32 table id, bool unique, utf method,
     *   i16 key count, per key: utf column, bool descending, bool nullsFirst;
     *   bool hasPredicate [utf predicate SQL text]
     * </pre>
     */
    static Index decodeIndex(byte[] data) {
        return decode(data, "index", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            int tableId = in.readInt();
            boolean unique = in.readBoolean();
            String method = in.readUTF();
            int n = in.readShort();
            List<Index.Key> keys = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                keys.add(new Index.Key(in.readUTF(), in.readBoolean(), in.readBoolean()));
            }
            String predicate = readNullableUtf(in);
            return new Index(id, name, tableId, unique, method, keys, predicate);
        });
    }

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 2, i32 id, utf name, i32 length + UTF-8 SQL text of the query,
     *   i16 column count, per column: utf name, utf type;
     *   i16 reference count, per reference: utf name as written, i32 object id, bool isView,
     *       i16 n, n x utf used column, i16 m, m x (utf current column name, utf name as written)
     * </pre>
     */
    static byte[] encodeView(View v) {
        return encode(KIND_VIEW, out -> {
            out.writeInt(v.id());
            out.writeUTF(v.name());
            byte[] sql = v.sql().getBytes(StandardCharsets.UTF_8);
            out.writeInt(sql.length);
            out.write(sql);
            out.writeShort(v.columns().size());
            for (int i = 0; i < v.columns().size(); i++) {
                out.writeUTF(v.columns().get(i));
                out.writeUTF(v.types().isEmpty() ? "" : v.types().get(i)); // "": migrated, types unknown
            }
            out.writeShort(v.refs().size());
            for (View.Ref r : v.refs()) {
                out.writeUTF(r.name());
                out.writeInt(r.id());
                out.writeBoolean(r.view());
                out.writeShort(r.used().size());
                for (String c : r.used()) {
                    out.writeUTF(c);
                }
                out.writeShort(r.aliases().size());
                for (Map.Entry<String, String> a : new TreeMap<>(r.aliases()).entrySet()) {
                    out.writeUTF(a.getKey());
                    out.writeUTF(a.getValue());
                }
            }
        });
    }

    static View decodeView(byte[] data) {
        return decode(data, "view", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            byte[] sql = new byte[in.readInt()];
            in.readFully(sql);
            int n = in.readShort();
            List<String> columns = new ArrayList<>(n);
            List<String> types = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                columns.add(in.readUTF());
                types.add(in.readUTF());
            }
            if (types.stream().allMatch(String::isEmpty)) {
                types.clear();
            }
            int nrefs = in.readShort();
            List<View.Ref> refs = new ArrayList<>(nrefs);
            for (int i = 0; i < nrefs; i++) {
                String written = in.readUTF();
                int objectId = in.readInt();
                boolean isView = in.readBoolean();
                int nused = in.readShort();
                List<String> used = new ArrayList<>(nused);
                for (int k = 0; k < nused; k++) {
                    used.add(in.readUTF());
                }
                int naliases = in.readShort();
                Map<String, String> aliases = new LinkedHashMap<>();
                for (int k = 0; k < naliases; k++) {
                    aliases.put(in.readUTF(), in.readUTF());
                }
                refs.add(new View.Ref(written, objectId, isView, used, aliases));
            }
            return new View(id, name, columns, types, new String(sql, StandardCharsets.UTF_8), refs);
        });
    }

    /** {@code u8 version = 3, u8 kind = 5, i32 id, utf name}. */
    static byte[] encodeSchema(Schema schema) {
        return encode(KIND_SCHEMA, out -> {
            out.writeInt(schema.id());
            out.writeUTF(schema.name());
        });
    }

    static Schema decodeSchema(byte[] data) {
        return decode(data, "schema", in -> {
            return new Schema(in.readInt(), in.readUTF());
        });
    }

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 11, i32 id, utf name, u8 flags (1 superuser, 2 login, 4 createdb,
     *   8 createrole, 16 inherit), i32 connection limit, bool hasPassword [utf verifier],
     *   bool hasValidUntil [i64 micros]
     * </pre>
     */
    static byte[] encodeRole(Role r) {
        return encode(KIND_ROLE, out -> {
            out.writeInt(r.id());
            out.writeUTF(r.name());
            out.writeByte((r.superuser() ? 1 : 0) | (r.login() ? 2 : 0) | (r.createdb() ? 4 : 0) | (r.createrole() ? 8 : 0)
                    | (r.inherit() ? 16 : 0));
            out.writeInt(r.connectionLimit());
            writeNullableUtf(out, r.password());
            out.writeBoolean(r.validUntil() != null);
            if (r.validUntil() != null) {
                out.writeLong(r.validUntil());
            }
        });
    }

    static Role decodeRole(byte[] data) {
        return decode(data, "role", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            int flags = in.readUnsignedByte();
            int limit = in.readInt();
            String password = readNullableUtf(in);
            Long validUntil = in.readBoolean() ? in.readLong() : null;
            return new Role(id, name, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0,
                    (flags & 16) != 0, limit, password, validUntil);
        });
    }

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 7, i32 id, utf name, i16 arg count, per arg: bool named [utf name],
     *   utf type, i32 length, bool hasDefault [utf default], utf return type, i32 return length,
     *   utf language, u8 volatility, i32 length + UTF-8 body
     * </pre>
     */
    static byte[] encodeFunction(Function f) {
        return encode(KIND_FUNCTION, out -> {
            out.writeInt(f.id());
            out.writeUTF(f.name());
            out.writeShort(f.args().size());
            for (Function.Arg a : f.args()) {
                writeNullableUtf(out, a.name());
                out.writeUTF(a.type());
                out.writeInt(a.length());
                writeNullableUtf(out, a.defaultExpr());
            }
            out.writeUTF(f.returnType());
            out.writeInt(f.returnLength());
            out.writeUTF(f.language());
            out.writeByte(f.volatility());
            byte[] body = f.body().getBytes(StandardCharsets.UTF_8);
            out.writeInt(body.length);
            out.write(body);
        });
    }

    static Function decodeFunction(byte[] data) {
        return decode(data, "function", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            int n = in.readShort();
            List<Function.Arg> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                args.add(new Function.Arg(readNullableUtf(in), in.readUTF(), in.readInt(), readNullableUtf(in)));
            }
            String returnType = in.readUTF();
            int returnLength = in.readInt();
            String language = in.readUTF();
            char volatility = (char) in.readByte();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new Function(id, name, args, returnType, returnLength, language, new String(body, StandardCharsets.UTF_8),
                    volatility);
        });
    }

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 8, i32 id, utf name, i32 table id, i32 function id, bool before,
     *   u8 events (1 insert, 2 delete, 4 update), i16 n, n x utf UPDATE OF column, bool forEachRow,
     *   bool hasWhen [utf WHEN condition text], i16 m, m x utf argument, bool enabled
     * </pre>
     */
    static byte[] encodeTrigger(Trigger t) {
        return encode(KIND_TRIGGER, out -> {
            out.writeInt(t.id());
            out.writeUTF(t.name());
            out.writeInt(t.tableId());
            out.writeInt(t.functionId());
            out.writeBoolean(t.before());
            out.writeByte(t.events());
            out.writeShort(t.updateColumns().size());
            for (String c : t.updateColumns()) {
                out.writeUTF(c);
            }
            out.writeBoolean(t.forEachRow());
            writeNullableUtf(out, t.when());
            out.writeShort(t.args().size());
            for (String a : t.args()) {
                out.writeUTF(a);
            }
            out.writeBoolean(t.enabled());
        });
    }

    static Trigger decodeTrigger(byte[] data) {
        return decode(data, "trigger", in -> {
            int id = in.readInt();
            String name = in.readUTF();
            int tableId = in.readInt();
            int functionId = in.readInt();
            boolean before = in.readBoolean();
            int events = in.readByte();
            int n = in.readShort();
            List<String> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                columns.add(in.readUTF());
            }
            boolean forEachRow = in.readBoolean();
            String when = readNullableUtf(in);
            int m = in.readShort();
            List<String> args = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                args.add(in.readUTF());
            }
            boolean enabled = in.readBoolean();
            return new Trigger(id, name, tableId, functionId, before, events, columns, forEachRow, when, args, enabled);
        });
    }

    /**
     * <pre>
     *   u8 version = 3, u8 kind = 12, u8 object type ('r' relation, 'n' schema, 'R' role), i32 object id,
     *   i32 owner role id (0 = bootstrap superuser), i32 item count (-1 = default acl), per item:
     *   i32 grantee (-1 = PUBLIC), i32 grantor, i32 privilege bits, i32 grant option bits
     * </pre>
     */
    static byte[] encodeAcl(ObjectAcl a) {
        return encode(KIND_ACL, out -> {
            out.writeByte(a.type());
            out.writeInt(a.objectId());
            out.writeInt(a.owner());
            out.writeInt(a.items() == null ? -1 : a.items().size());
            if (a.items() != null) {
                for (ObjectAcl.Item i : a.items()) {
                    out.writeInt(i.grantee());
                    out.writeInt(i.grantor());
                    out.writeInt(i.privileges());
                    out.writeInt(i.grantOptions());
                }
            }
        });
    }

    static ObjectAcl decodeAcl(byte[] data) {
        return decode(data, "acl", in -> {
            char type = (char) in.readUnsignedByte();
            int objectId = in.readInt();
            int owner = in.readInt();
            int n = in.readInt();
            List<ObjectAcl.Item> items = null;
            if (n >= 0) {
                items = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    items.add(new ObjectAcl.Item(in.readInt(), in.readInt(), in.readInt(), in.readInt()));
                }
            }
            return new ObjectAcl(type, objectId, owner, items);
        });
    }
}

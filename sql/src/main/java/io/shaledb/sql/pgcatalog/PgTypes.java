package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.types.SqlType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in types as {@code pg_type} lists them: every {@link SqlType} plus the handful of
 * types catalog queries name ({@code name}, {@code "char"}, {@code oid}, {@code regclass},
 * {@code regtype}, {@code regproc}, {@code void}, {@code trigger}, {@code record}, ...), with
 * PostgreSQL 15's OIDs, names, lengths, categories and I/O function names. The facts are in the
 * resource {@code pg_type.tsv} (one type a line, tab-separated, in {@link #COLUMNS_IN_FILE}
 * order); {@code format_type} answers from its last column.
 */
public final class PgTypes {
    /** A built-in type. */
    public record Type(int oid, String name, int len, boolean byVal, char type, char category, boolean preferred, int elem,
                       int array, String input, String output, String receive, String send, String modin, String modout,
                       char align, char storage, int collation, String formatName) {}

    static final String COLUMNS_IN_FILE = "oid typname typlen typbyval typtype typcategory typispreferred typelem typarray typinput"
            + " typoutput typreceive typsend typmodin typmodout typalign typstorage typcollation format_type(oid,NULL)";

    private static final List<Type> ALL = load();
    private static final Map<Integer, Type> BY_OID = new HashMap<>();
    private static final Map<String, Type> BY_NAME = new HashMap<>();

    static {
        for (Type t : ALL) {
            BY_OID.put(t.oid(), t);
            BY_NAME.put(t.name(), t);
        }
    }

    private PgTypes() {}

    public static List<Type> all() {
        return ALL;
    }

    /** The type with OID {@code oid}, or null. */
    public static Type byOid(long oid) {
        return BY_OID.get((int) oid);
    }

    /**
     * The type called {@code name}: PostgreSQL's internal name ({@code int4}, {@code _text}) or
     * the SQL name ({@code integer}, {@code text[]}); null when unknown.
     */
    public static Type byName(String name) {
        Type t = BY_NAME.get(name);
        if (t != null) {
            return t;
        }
        for (SqlType s : SqlType.values()) {
            if (s.sqlName().equals(name)) {
                return BY_OID.get(s.oid());
            }
        }
        for (Type c : ALL) {
            if (c.formatName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The OID of type {@code name} (see {@link #byName}), 0 when unknown. */
    public static int oidOf(String name) {
        Type t = byName(name);
        return t == null ? 0 : t.oid();
    }

    /**
     * PostgreSQL's {@code format_type(oid, typmod)} over PostgreSQL-style modifiers (see
     * {@link #typmod}): the SQL name with the modifier applied ({@code character varying(40)},
     * {@code numeric(10,2)}); {@code ???} for an unknown OID, as PostgreSQL prints it.
     */
    public static String format(long oid, Integer typmod) {
        Type t = byOid(oid);
        if (t == null) {
            return "???";
        }
        int mod = typmod == null ? -1 : typmod;
        return switch ((int) oid) {
            case 1042 -> mod >= 4 ? "character(" + (mod - 4) + ")" : typmod == null ? "character" : "bpchar";
            case 1043 -> mod >= 4 ? "character varying(" + (mod - 4) + ")" : "character varying";
            case 1700 -> mod >= 4 ? "numeric(" + (((mod - 4) >> 16) & 0xffff) + "," + ((mod - 4) & 0xffff) + ")" : "numeric";
            case 1083 -> mod >= 0 ? "time(" + mod + ") without time zone" : t.formatName();
            case 1114 -> mod >= 0 ? "timestamp(" + mod + ") without time zone" : t.formatName();
            case 1184 -> mod >= 0 ? "timestamp(" + mod + ") with time zone" : t.formatName();
            case 1186 -> mod >= 0 && (mod & 0xffff) != 0xffff ? "interval(" + (mod & 0xffff) + ")" : t.formatName();
            default -> t.formatName();
        };
    }

    /**
     * The PostgreSQL {@code atttypmod} of a ShaleDB column modifier (see {@link Column#maxLength()}):
     * character lengths and numeric precision carry PostgreSQL's 4-byte header offset, an
     * interval's precision sits under the full-range field mask.
     */
    public static int typmod(SqlType type, int maxLength) {
        if (maxLength < 0) {
            return -1;
        }
        return switch (type) {
            case VARCHAR, BPCHAR, NUMERIC, TEXT -> maxLength + 4;
            case INTERVAL -> (0x7fff << 16) | maxLength;
            default -> maxLength;
        };
    }

    /** The {@code pg_type} OID of a column of {@code type} (text with a length is varchar, as ShaleDB stores it). */
    public static int columnTypeOid(SqlType type, int maxLength) {
        return type == SqlType.TEXT && maxLength >= 0 ? SqlType.VARCHAR.oid() : type.oid();
    }

    private static List<Type> load() {
        List<Type> out = new ArrayList<>();
        try (InputStream in = PgTypes.class.getResourceAsStream("pg_type.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource pg_type.tsv is missing from the sql module");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                out.add(new Type(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), f[3].equals("t"), f[4].charAt(0),
                        f[5].charAt(0), f[6].equals("t"), Integer.parseInt(f[7]), Integer.parseInt(f[8]), f[9], f[10], f[11], f[12],
                        f[13], f[14], f[15].charAt(0), f[16].charAt(0), Integer.parseInt(f[17]), f[18]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading pg_type.tsv", e);
        }
        return List.copyOf(out);
    }
}

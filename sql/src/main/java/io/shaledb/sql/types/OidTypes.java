package io.shaledb.sql.types;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.Values.CastContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The system types of PostgreSQL's catalogs: {@code oid}, its aliases {@code regclass},
 * {@code regtype}, {@code regproc}, and {@code name} and {@code "char"}.
 *
 * <pre>
 *   regnamespace, regrole     schemas and roles by name, likewise
 *   'pg_class'::regclass      text in -> relation OID (ObjectNames), 42P01 when there is none
 *   16384::regclass::text     OID out -> relation name; unknown OIDs print as the number, 0 as '-'
 *   'integer'::regtype::text  "integer" (format_type's spelling); 'int4', 'pg_catalog.int4' alike
 *   oid = regclass, oid = 42  all compare as unsigned 32-bit numbers (int4 and int8 cast to oid)
 *   name                      text truncated to 63 bytes;  "char": one byte ("r", "p", "i" ...)
 * </pre>
 *
 * Casts follow pg_cast: integers to oid-like types implicitly (a negative int4 wraps to 2^32 + n),
 * oid-like types to each other through oid implicitly, back to integer and bigint by assignment,
 * {@code "char"} to and from integer explicitly; text in and out through the input and output
 * functions, as for every type.
 */
public final class OidTypes {
    private static final long MAX_OID = 0xFFFF_FFFFL;
    /** Built-in type names regtype accepts, besides each type's own {@link SqlType#sqlName()}. */
    private static final Map<String, SqlType> TYPE_NAMES = new HashMap<>();

    static {
        for (SqlType t : SqlType.values()) {
            if (t != SqlType.UNKNOWN) {
                TYPE_NAMES.put(t.sqlName(), t);
            }
        }
        String[][] aliases = {{"int2", "SMALLINT"}, {"int4", "INTEGER"}, {"int", "INTEGER"}, {"int8", "BIGINT"},
            {"float4", "REAL"}, {"float8", "DOUBLE"}, {"float", "DOUBLE"}, {"bool", "BOOLEAN"}, {"varchar", "VARCHAR"},
            {"bpchar", "BPCHAR"}, {"char", "BPCHAR"}, {"decimal", "NUMERIC"}, {"timestamp", "TIMESTAMP"},
            {"timestamptz", "TIMESTAMPTZ"}, {"time", "TIME"}, {"char\"", "CHAR"}, {"\"char\"", "CHAR"},
            {"_int2", "INT2_ARRAY"}, {"_int4", "INT4_ARRAY"}, {"_int8", "INT8_ARRAY"}, {"_text", "TEXT_ARRAY"},
            {"_varchar", "VARCHAR_ARRAY"}, {"_oid", "OID_ARRAY"}, {"_name", "NAME_ARRAY"}, {"_bool", "BOOL_ARRAY"},
            {"_float4", "FLOAT4_ARRAY"}, {"_float8", "FLOAT8_ARRAY"}, {"_numeric", "NUMERIC_ARRAY"}};
        for (String[] a : aliases) {
            TYPE_NAMES.put(a[0], SqlType.valueOf(a[1]));
        }
    }

    private OidTypes() {}

    // ------------------------------------------------------------------ input and output

    /** The input function of the types here. */
    static Object parse(String text, SqlType type) {
        return switch (type) {
            case NAME -> truncateName(text);
            case CHAR -> text.isEmpty() ? "" : text.substring(0, Character.charCount(text.codePointAt(0)));
            case OID -> parseOid(text, "oid");
            case REGCLASS -> named(text, "regclass", () -> {
                Long oid = ObjectNames.current().relationOid(canonical(text));
                if (oid == null) {
                    throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + canonical(text) + "\" does not exist");
                }
                return oid;
            });
            case REGTYPE -> named(text, "regtype", () -> {
                Long oid = typeOid(text);
                if (oid == null) {
                    throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + text.trim() + "\" does not exist");
                }
                return oid;
            });
            case REGPROC -> named(text, "regproc", () -> {
                Long oid = ObjectNames.current().functionOid(canonical(text));
                if (oid == null) {
                    throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function \"" + text.trim() + "\" does not exist");
                }
                return oid;
            });
            case REGNAMESPACE -> named(text, "regnamespace", () -> {
                Long oid = ObjectNames.current().namespaceOid(canonical(text));
                if (oid == null) {
                    throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + canonical(text) + "\" does not exist");
                }
                return oid;
            });
            case REGROLE -> named(text, "regrole", () -> {
                Long oid = ObjectNames.current().roleOid(canonical(text));
                if (oid == null) {
                    throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + canonical(text) + "\" does not exist");
                }
                return oid;
            });
            default -> throw new IllegalArgumentException("not a system type: " + type);
        };
    }

    /** The output function of the oid-like types. */
    static String toText(SqlType type, long oid) {
        if (type == SqlType.OID) {
            return Long.toString(oid);
        }
        if (oid == 0) {
            return "-";
        }
        ObjectNames.Resolver names = ObjectNames.current();
        String name = switch (type) {
            case REGCLASS -> names.relationName(oid);
            case REGPROC -> names.functionName(oid);
            case REGNAMESPACE -> names.namespaceName(oid);
            case REGROLE -> names.roleName(oid);
            case REGTYPE -> {
                String n = names.typeName(oid);
                yield n != null ? n : builtinTypeName(oid);
            }
            default -> null;
        };
        return name != null ? name : Long.toString(oid);
    }

    private static String builtinTypeName(long oid) {
        for (SqlType t : SqlType.values()) {
            if (t.oid() == oid) {
                return t.sqlName();
            }
        }
        return null;
    }

    /** regtype input: the OID of a type name as written ({@code integer}, {@code int4}, {@code pg_catalog.int4}, {@code text[]}). */
    private static Long typeOid(String text) {
        String name = text.trim();
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        String lower = name.startsWith("\"") ? name : name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Long known = ObjectNames.current().typeOid(lower);
        if (known != null) {
            return known;
        }
        String base = lower.replaceAll("\\(.*\\)", "");
        boolean array = base.endsWith("[]");
        SqlType t = TYPE_NAMES.get(array ? base.substring(0, base.length() - 2) : base);
        if (t != null && array) {
            t = t.arrayType();
        }
        return t == null ? null : (long) t.oid();
    }

    /** A reg* input: a number is the OID itself, {@code -} is 0, anything else a name for {@code lookup}. */
    private static Long named(String text, String typeName, java.util.function.Supplier<Long> lookup) {
        String t = text.trim();
        if (t.equals("-")) {
            return 0L;
        }
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return parseOid(t, typeName);
        }
        return lookup.get();
    }

    /**
     * A relation or function name as regclass/regproc read it: unquoted parts fold to lower case,
     * quoted parts keep their case; the result is the plain (or "schema.name") form.
     */
    static String canonical(String text) {
        StringBuilder out = new StringBuilder();
        String t = text.trim();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (j < t.length()) {
                    if (t.charAt(j) == '"') {
                        if (j + 1 < t.length() && t.charAt(j + 1) == '"') {
                            out.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    out.append(t.charAt(j++));
                }
                i = j + 1;
            } else {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                i++;
            }
        }
        return out.toString();
    }

    private static long parseOid(String text, String typeName) {
        String t = text.trim();
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            if (!t.isEmpty() && t.matches("[+-]?\\d+")) {
                throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + text + "\" is out of range for type "
                        + typeName);
            }
            throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + typeName + ": \""
                    + text + "\"");
        }
        if (v < Integer.MIN_VALUE || v > MAX_OID) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + text + "\" is out of range for type "
                    + typeName);
        }
        return v < 0 ? v + MAX_OID + 1 : v;
    }

    /** name: at most 63 bytes of UTF-8, cut at a character boundary. */
    private static String truncateName(String text) {
        if (text.length() <= 21 || text.getBytes(StandardCharsets.UTF_8).length <= 63) {
            return text;
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > 63) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    // ------------------------------------------------------------------ casts

    /** pg_cast between these types and the numeric ones, or null when neither side is one of them (or text I/O applies). */
    static CastContext castContext(SqlType from, SqlType to) {
        if (from.isOidLike() && to.isOidLike()) {
            return from == SqlType.OID || to == SqlType.OID ? CastContext.IMPLICIT : CastContext.NONE;
        }
        if (to.isOidLike() && (from == SqlType.SMALLINT || from == SqlType.INTEGER || from == SqlType.BIGINT)) {
            return CastContext.IMPLICIT;
        }
        if (from.isOidLike() && (to == SqlType.INTEGER || to == SqlType.BIGINT)) {
            return CastContext.ASSIGNMENT;
        }
        if (from == SqlType.CHAR && to == SqlType.INTEGER || from == SqlType.INTEGER && to == SqlType.CHAR) {
            return CastContext.EXPLICIT;
        }
        return null;
    }

    /** Whether {@link #cast} converts from {@code from} to {@code to} (a non-text cast of these types). */
    static boolean castsBetween(SqlType from, SqlType to) {
        if (from == SqlType.CHAR && to == SqlType.INTEGER || from == SqlType.INTEGER && to == SqlType.CHAR) {
            return true;
        }
        return (from.isOidLike() || to.isOidLike()) && !from.isString() && !to.isString() && from != SqlType.UNKNOWN;
    }

    static Object cast(Object v, SqlType from, SqlType to) {
        if (from.isOidLike() && to.isOidLike()) {
            return v;
        }
        if (to.isOidLike()) {
            long n = ((Number) v).longValue();
            if (n < Integer.MIN_VALUE || n > MAX_OID) {
                throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "OID out of range");
            }
            return n < 0 ? n + MAX_OID + 1 : n;
        }
        if (from.isOidLike()) {
            long n = (Long) v;
            return to == SqlType.BIGINT ? (Object) n : (Object) (int) n;
        }
        if (from == SqlType.CHAR) {
            String s = (String) v;
            return s.isEmpty() ? 0 : (int) (byte) s.charAt(0);
        }
        int n = (Integer) v;
        if (n < -128 || n > 127) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "\"char\" out of range");
        }
        return n == 0 ? "" : String.valueOf((char) (n & 0xFF));
    }
}

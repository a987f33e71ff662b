package io.shaledb.sql.privileges;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.Locale;

/**
 * Privilege bits in PostgreSQL's order, so that an aclitem prints its letters as PostgreSQL does
 * ({@code arwdDxt} for a table's owner, {@code UC} for a schema's).
 */
public final class Privilege {
    public static final int INSERT = 1;
    public static final int SELECT = 1 << 1;
    public static final int UPDATE = 1 << 2;
    public static final int DELETE = 1 << 3;
    public static final int TRUNCATE = 1 << 4;
    public static final int REFERENCES = 1 << 5;
    public static final int TRIGGER = 1 << 6;
    public static final int USAGE = 1 << 8;
    public static final int CREATE = 1 << 9;
    /** Everything that applies to a table (or view). */
    public static final int ALL_TABLE = INSERT | SELECT | UPDATE | DELETE | TRUNCATE | REFERENCES | TRIGGER;
    /** Everything that applies to a sequence. */
    public static final int ALL_SEQUENCE = SELECT | UPDATE | 1 << 8;
    /** Everything that applies to a schema. */
    public static final int ALL_SCHEMA = USAGE | CREATE;

    /** PostgreSQL's ACL_ALL_RIGHTS_STR: the letter of bit i is the i-th character. */
    static final String LETTERS = "arwdDxtXUCTc";

    private Privilege() {}

    /**
     * The bits of privilege {@code name} (lower case) on {@code kind}: "relation" (the TABLE form,
     * which also names sequences: table privileges and USAGE), "sequence" or "schema".
     */
    static int bit(String name, String kind) {
        int allowed = switch (kind) {
            case "schema" -> ALL_SCHEMA;
            case "sequence" -> ALL_SEQUENCE;
            default -> ALL_TABLE | USAGE;
        };
        int bit = name.equals("all") ? allowed : named(name); // ALL: every privilege the kind has
        if (bit == 0 || (bit & ~allowed) != 0) {
            throw new SqlException(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type "
                    + name.toUpperCase(Locale.ROOT) + " for " + kind);
        }
        return bit;
    }

    /** The bit of one privilege named in lower case ({@code select} ... {@code create}), 0 for any other name. */
    private static int named(String name) {
        return switch (name) {
            case "select" -> SELECT;
            case "insert" -> INSERT;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            case "truncate" -> TRUNCATE;
            case "references" -> REFERENCES;
            case "trigger" -> TRIGGER;
            case "usage" -> USAGE;
            case "create" -> CREATE;
            default -> 0;
        };
    }

    /** {@code has_table_privilege}'s privilege text ({@code 'SELECT'}, {@code 'select, insert'}, {@code 'UPDATE WITH GRANT OPTION'}). */
    static int[] parseFunctionArgument(String text, boolean schema) {
        return parseFunctionArgument(text, schema ? ALL_SCHEMA : ALL_TABLE);
    }

    /** The same, accepting the privileges in {@code allowed}. */
    static int[] parseFunctionArgument(String text, int allowed) {
        int privileges = 0;
        int options = 0;
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean option = p.endsWith(" with grant option");
            if (option) {
                p = p.substring(0, p.length() - " with grant option".length()).trim();
            }
            int bit = named(p);
            if (bit == 0 || (bit & ~allowed) != 0) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \"" + part.trim() + "\"");
            }
            privileges |= bit;
            if (option) {
                options |= bit;
            }
        }
        return new int[] {privileges, options};
    }

    /** The letters of {@code privileges}, each followed by {@code *} when it is in {@code options}. */
    static String letters(int privileges, int options) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LETTERS.length(); i++) {
            if ((privileges & (1 << i)) != 0) {
                sb.append(LETTERS.charAt(i));
                if ((options & (1 << i)) != 0) {
                    sb.append('*');
                }
            }
        }
        return sb.toString();
    }
}

package io.shaledb.sql.constraint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * The names PostgreSQL generates for constraints written without {@code CONSTRAINT name}:
 * {@code t_pkey}, {@code t_a_b_key}, {@code t_a_fkey}, {@code t_a_check} (a CHECK reading exactly
 * one column) or {@code t_check}; a digit is appended (1, 2, ...) while the name is taken, and
 * the parts are shortened, the longer first (the second on a tie), to fit 63 bytes (NAMEDATALEN - 1).
 */
final class ConstraintNames {
    private static final int MAX_BYTES = 63;

    private ConstraintNames() {}

    /** {@code table_cols_label}, or with a number appended until {@code taken} says no. */
    static String choose(String table, List<String> columns, String label, Predicate<String> taken) {
        String cols = columns.isEmpty() ? null : String.join("_", columns);
        String name = make(table, cols, label);
        for (int i = 1; taken.test(name); i++) {
            name = make(table, cols, label + i);
        }
        return name;
    }

    /** PostgreSQL's makeObjectName: {@code name1[_name2]_label}, the longer part cut first. */
    private static String make(String name1, String name2, String label) {
        String a = name1;
        String b = name2;
        while (bytes(a) + (b == null ? 0 : bytes(b) + 1) + bytes(label) + 1 > MAX_BYTES) {
            if (b == null || bytes(a) > bytes(b)) {
                a = a.substring(0, a.length() - 1);
            } else {
                b = b.substring(0, b.length() - 1);
            }
        }
        return a + (b == null ? "" : "_" + b) + "_" + label;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}

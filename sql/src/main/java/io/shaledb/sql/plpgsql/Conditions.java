package io.shaledb.sql.plpgsql;

import io.shaledb.sql.SqlState;
import java.util.Locale;
import java.util.Map;

/** PostgreSQL's condition names for RAISE (a subset of its errcodes table) and SQLSTATE lookup. */
final class Conditions {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("raise_exception", "P0001"),
            Map.entry("no_data_found", "P0002"),
            Map.entry("too_many_rows", "P0003"),
            Map.entry("assert_failure", "P0004"),
            Map.entry("unique_violation", "23505"),
            Map.entry("not_null_violation", "23502"),
            Map.entry("foreign_key_violation", "23503"),
            Map.entry("check_violation", "23514"),
            Map.entry("division_by_zero", "22012"),
            Map.entry("numeric_value_out_of_range", "22003"),
            Map.entry("invalid_parameter_value", "22023"),
            Map.entry("invalid_text_representation", "22P02"),
            Map.entry("data_exception", "22000"),
            Map.entry("feature_not_supported", "0A000"),
            Map.entry("insufficient_privilege", "42501"),
            Map.entry("serialization_failure", "40001"),
            Map.entry("undefined_table", "42P01"),
            Map.entry("undefined_column", "42703"),
            Map.entry("undefined_object", "42704"),
            Map.entry("object_not_in_prerequisite_state", "55000"),
            Map.entry("triggered_data_change_violation", "27000"));

    private Conditions() {}

    /** The SQLSTATE of condition name {@code name}, or null. */
    static String code(String name) {
        return NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The state for an ERRCODE given as a condition name or five-character code: unknown codes fall
     * back to P0001, since this build can only send the SQLSTATEs it knows.
     */
    static SqlState state(String errcode) {
        String code = errcode.length() == 5 && errcode.chars().allMatch(c -> Character.isDigit(c) || Character.isUpperCase(c))
                ? errcode : code(errcode);
        SqlState s = code == null ? null : SqlState.byCode(code);
        return s != null ? s : SqlState.RAISE_EXCEPTION;
    }

    /** Whether {@code errcode} is a valid condition name or SQLSTATE spelling. */
    static boolean valid(String errcode) {
        return code(errcode) != null || errcode.matches("[0-9A-Z]{5}");
    }
}

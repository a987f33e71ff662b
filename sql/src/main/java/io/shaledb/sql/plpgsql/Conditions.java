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
            Map.entry("triggered_data_change_violation", "27000"),
            Map.entry("integrity_constraint_violation", "23000"),
            Map.entry("restrict_violation", "23001"),
            Map.entry("exclusion_violation", "23P01"),
            Map.entry("string_data_right_truncation", "22001"),
            Map.entry("null_value_not_allowed", "22004"),
            Map.entry("invalid_datetime_format", "22007"),
            Map.entry("datetime_field_overflow", "22008"),
            Map.entry("cardinality_violation", "21000"),
            Map.entry("case_not_found", "20000"),
            Map.entry("lock_not_available", "55P03"),
            Map.entry("deadlock_detected", "40P01"),
            Map.entry("transaction_rollback", "40000"),
            Map.entry("query_canceled", "57014"),
            Map.entry("syntax_error", "42601"),
            Map.entry("syntax_error_or_access_rule_violation", "42000"),
            Map.entry("undefined_function", "42883"),
            Map.entry("duplicate_table", "42P07"),
            Map.entry("duplicate_object", "42710"),
            Map.entry("duplicate_function", "42723"),
            Map.entry("datatype_mismatch", "42804"),
            Map.entry("dependent_objects_still_exist", "2BP01"),
            Map.entry("read_only_sql_transaction", "25006"),
            Map.entry("program_limit_exceeded", "54000"),
            Map.entry("statement_too_complex", "54001"),
            Map.entry("plpgsql_error", "P0000"),
            Map.entry("internal_error", "XX000"));

    private Conditions() {}

    /** The SQLSTATE of condition name {@code name}, or null. */
    static String code(String name) {
        return NAMES.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The state for an ERRCODE given as a condition name or five-character code; codes this build
     * has no {@link SqlState} for are P0001 here and sent as written ({@code SqlException.withCode}).
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

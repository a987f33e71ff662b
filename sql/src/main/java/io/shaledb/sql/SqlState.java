package io.shaledb.sql;

/**
 * PostgreSQL SQLSTATE codes ShaleDB reports. The codes are PostgreSQL's, so clients that branch
 * on them (retry on 40001, "already exists" on 42P07, ...) work unchanged.
 */
public enum SqlState {
    SUCCESSFUL_COMPLETION("00000"),
    FEATURE_NOT_SUPPORTED("0A000"),
    INVALID_TEXT_REPRESENTATION("22P02"),
    NUMERIC_VALUE_OUT_OF_RANGE("22003"),
    DIVISION_BY_ZERO("22012"),
    STRING_DATA_RIGHT_TRUNCATION("22001"),
    DATATYPE_MISMATCH("42804"),
    NOT_NULL_VIOLATION("23502"),
    UNIQUE_VIOLATION("23505"),
    SYNTAX_ERROR("42601"),
    UNDEFINED_TABLE("42P01"),
    UNDEFINED_COLUMN("42703"),
    UNDEFINED_FUNCTION("42883"),
    DUPLICATE_TABLE("42P07"),
    DUPLICATE_COLUMN("42701"),
    AMBIGUOUS_COLUMN("42702"),
    INVALID_TABLE_DEFINITION("42P16"),
    INVALID_COLUMN_REFERENCE("42P10"),
    GROUPING_ERROR("42803"),
    UNDEFINED_OBJECT("42704"),
    INVALID_PARAMETER_VALUE("22023"),
    PROGRAM_LIMIT_EXCEEDED("54000"),
    PROTOCOL_VIOLATION("08P01"),
    INTERNAL_ERROR("XX000"),
    DATA_CORRUPTED("XX001");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    /** The five-character SQLSTATE. */
    public String code() {
        return code;
    }
}

package io.shaledb.pgwire;

import io.shaledb.sql.SqlException;

/**
 * The fields of one ErrorResponse. {@code severity} is {@code ERROR} (the command failed, the
 * connection lives on) or {@code FATAL} (the server closes the connection right after sending it).
 *
 * @param position 1-based character position in the query text, 0 for none
 * @param context PostgreSQL's CONTEXT line (where the error happened, e.g. a COPY's line), or null
 */
record PgError(String severity, String code, String message, String detail, String hint, int position, String context) {

    static final String ERROR = "ERROR";
    static final String FATAL = "FATAL";

    static final String PROTOCOL_VIOLATION = "08P01";
    static final String FEATURE_NOT_SUPPORTED = "0A000";
    static final String INVALID_AUTHORIZATION = "28000";
    static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    static final String INVALID_PARAMETER_VALUE = "22023";
    static final String ADMIN_SHUTDOWN = "57P01";
    static final String TOO_MANY_CONNECTIONS = "53300";
    static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";
    static final String INTERNAL_ERROR = "XX000";
    /** PostgreSQL's code for a certificate or key that cannot be loaded. */
    static final String CONFIG_FILE_ERROR = "F0000";

    static PgError error(String code, String message) {
        return new PgError(ERROR, code, message, null, null, 0, null);
    }

    static PgError fatal(String code, String message) {
        return new PgError(FATAL, code, message, null, null, 0, null);
    }

    static PgError from(SqlException e, String severity) {
        String code = e.state() == null ? INTERNAL_ERROR : e.code();
        String message = e.getMessage() == null ? "unknown error" : e.getMessage();
        return new PgError(severity, code, message, e.detail(), e.hint(), Math.max(0, e.position()), e.context());
    }

    /**
     * An exception the session did not expect to throw: reported as XX000, never as a dropped
     * connection, and without Java's text (the caller logs the exception).
     */
    static PgError internal(String severity) {
        return new PgError(severity, INTERNAL_ERROR, "internal error", null, "The server log has the details.", 0, null);
    }

    PgError withDetail(String newDetail) {
        return new PgError(severity, code, message, newDetail, hint, position, context);
    }

    PgError withHint(String newHint) {
        return new PgError(severity, code, message, detail, newHint, position, context);
    }

    boolean isFatal() {
        return FATAL.equals(severity);
    }
}

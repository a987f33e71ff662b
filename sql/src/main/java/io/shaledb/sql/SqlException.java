package io.shaledb.sql;

import java.io.Serial;

/**
 * An error reported to the client: a SQLSTATE, a message in PostgreSQL's style (lower case, no
 * trailing period), and optionally the 1-based character position in the query text that psql
 * marks with {@code ^}, a detail line and a hint.
 */
public class SqlException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final SqlState state;
    private final int position;
    private final String detail;
    private final String hint;
    private final String context;
    /** An SQLSTATE outside {@link SqlState} (PL/pgSQL's RAISE ... USING ERRCODE = '12345'), or null. */
    private final String code;

    public SqlException(SqlState state, String message) {
        this(state, message, 0, null, null, null);
    }

    public SqlException(SqlState state, String message, int position) {
        this(state, message, position, null, null, null);
    }

    public SqlException(SqlState state, String message, int position, String detail, String hint, Throwable cause) {
        this(state, message, position, detail, hint, null, cause);
    }

    private SqlException(SqlState state, String message, int position, String detail, String hint, String context,
                         Throwable cause) {
        this(state, null, message, position, detail, hint, context, cause);
    }

    private SqlException(SqlState state, String code, String message, int position, String detail, String hint, String context,
                         Throwable cause) {
        super(message, cause);
        this.state = state;
        this.code = code;
        this.position = position;
        this.detail = detail;
        this.hint = hint;
        this.context = context;
    }

    /** The five-character SQLSTATE sent to the client: {@link #state()}'s, unless {@link #withCode} set another. */
    public String code() {
        return code != null ? code : state.code();
    }

    /** A copy of this error sent with SQLSTATE {@code newCode} (any five characters; {@link #state()} stays). */
    public SqlException withCode(String newCode) {
        return new SqlException(state, newCode, getMessage(), position, detail, hint, context, getCause());
    }

    public SqlState state() {
        return state;
    }

    /** 1-based character position in the query string, or 0 when not tied to a position. */
    public int position() {
        return position;
    }

    /** A secondary line of explanation, or null. */
    public String detail() {
        return detail;
    }

    /** A suggestion for the user, or null. */
    public String hint() {
        return hint;
    }

    /**
     * Where the error happened, as PostgreSQL's CONTEXT line says it (e.g. {@code COPY t, line 2,
     * column id: "x"}), or null.
     */
    public String context() {
        return context;
    }

    /** A copy of this error with {@code newContext} as its CONTEXT line. */
    public SqlException withContext(String newContext) {
        return new SqlException(state, code, getMessage(), position, detail, hint, newContext, getCause());
    }

    /** A copy of this error placed at {@code newPosition} (used when statements are re-based into a query string). */
    public SqlException withPosition(int newPosition) {
        return new SqlException(state, code, getMessage(), newPosition, detail, hint, context, getCause());
    }
}

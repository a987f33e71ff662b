package io.shaledb.pgwire.auth;

/**
 * Authentication did not succeed: the connection ends with FATAL {@link #sqlState()} and
 * {@link #getMessage()}, or silently when {@link #clientLeft()} (psql hangs up when asked for a
 * password it does not have, then asks the user and reconnects).
 */
public final class AuthFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** 28P01 invalid_password. */
    public static final String INVALID_PASSWORD = "28P01";
    /** 28000 invalid_authorization_specification. */
    public static final String INVALID_AUTHORIZATION = "28000";
    /** 08P01 protocol_violation. */
    public static final String PROTOCOL_VIOLATION = "08P01";

    private final String sqlState;
    private final boolean clientLeft;

    public AuthFailure(String sqlState, String message) {
        this(sqlState, message, false);
    }

    private AuthFailure(String sqlState, String message, boolean clientLeft) {
        super(message, null, false, false);
        this.sqlState = sqlState;
        this.clientLeft = clientLeft;
    }

    static AuthFailure clientHungUp() {
        return new AuthFailure(PROTOCOL_VIOLATION, "client closed the connection during authentication", true);
    }

    static AuthFailure wrongPassword(String user) {
        return new AuthFailure(INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
    }

    public String sqlState() {
        return sqlState;
    }

    public boolean clientLeft() {
        return clientLeft;
    }
}

package io.shaledb.pgwire.auth;

import java.time.Instant;

/** Where authentication finds a role's password verifier: the SQL catalog, in a server. */
@FunctionalInterface
public interface RoleDirectory {
    /**
     * A role's login facts.
     *
     * @param verifier the stored SCRAM or md5 verifier, or null for no password
     * @param validUntil when the password expires, or null for never
     */
    record Credentials(String name, boolean canLogin, boolean superuser, String verifier, Instant validUntil) {}

    /** The role called {@code name}, or null when there is none. Called on a connection's worker thread. */
    Credentials lookup(String name);

    /** No roles at all: every password check fails. */
    RoleDirectory NONE = name -> null;
}

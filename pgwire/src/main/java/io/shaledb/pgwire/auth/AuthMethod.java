package io.shaledb.pgwire.auth;

import java.util.Locale;

/** The authentication methods an hba rule may name, with PostgreSQL's spellings. */
public enum AuthMethod {
    /** Let the client in as whoever it says it is. */
    TRUST("trust"),
    /** Refuse the connection (28000). */
    REJECT("reject"),
    /** Salted MD5 challenge; a role with a SCRAM verifier is asked for SCRAM instead, as in PostgreSQL. */
    MD5("md5"),
    /** SCRAM-SHA-256 (RFC 7677) without channel binding. */
    SCRAM_SHA_256("scram-sha-256"),
    /** The password in clear text (only sensible over TLS). */
    PASSWORD("password");

    private final String hbaName;

    AuthMethod(String hbaName) {
        this.hbaName = hbaName;
    }

    public String hbaName() {
        return hbaName;
    }

    /** The method called {@code name} in an hba file, or null. */
    public static AuthMethod fromHbaName(String name) {
        for (AuthMethod m : values()) {
            if (m.hbaName.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }
}

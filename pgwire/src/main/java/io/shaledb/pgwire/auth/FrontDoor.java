package io.shaledb.pgwire.auth;

import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * What the PostgreSQL listener checks before a client gets a session: who may connect from where
 * and how they prove it ({@link HbaConfig}, {@link RoleDirectory}), whether TLS is offered, and
 * how many sessions may be open at once.
 *
 * @param tls the server's TLS context (possibly still being made), or null when SSLRequest is answered 'N'
 * @param maxConnections PostgreSQL's max_connections: the next client gets FATAL 53300
 */
public record FrontDoor(HbaConfig hba, RoleDirectory roles, ServerTls tls, int maxConnections) {
    /** PostgreSQL's default max_connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 100;

    public FrontDoor {
        Objects.requireNonNull(hba, "hba");
        Objects.requireNonNull(roles, "roles");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max_connections must be at least 1: " + maxConnections);
        }
    }

    /** Everyone trusted, no TLS, PostgreSQL's connection limit: embedded use and protocol tests. */
    public static FrontDoor open() {
        return new FrontDoor(HbaConfig.trustAll(), RoleDirectory.NONE, null, DEFAULT_MAX_CONNECTIONS);
    }

    public FrontDoor withMaxConnections(int max) {
        return new FrontDoor(hba, roles, tls, max);
    }

    public FrontDoor withTls(SslContext context) {
        return new FrontDoor(hba, roles, ServerTls.ready(context), maxConnections);
    }

    public FrontDoor withTls(ServerTls context) {
        return new FrontDoor(hba, roles, context, maxConnections);
    }

    public FrontDoor withHba(HbaConfig rules) {
        return new FrontDoor(rules, roles, tls, maxConnections);
    }

    public FrontDoor withRoles(RoleDirectory directory) {
        return new FrontDoor(hba, directory, tls, maxConnections);
    }
}

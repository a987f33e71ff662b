package io.shaledb.pgwire;

import io.shaledb.pgwire.auth.AuthFailure;
import io.shaledb.pgwire.auth.AuthMethod;
import io.shaledb.pgwire.auth.Authenticator;
import io.shaledb.pgwire.auth.FrontDoor;
import io.shaledb.pgwire.auth.HbaConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One connection's way through the front door, between its startup packet and AuthenticationOk:
 * the first hba rule matching (TLS or not, database, user, client address) picks the method, and
 * the {@link Authenticator} runs it. Failures carry PostgreSQL's SQLSTATEs and texts (28000 for
 * no rule or a reject rule, 28P01 for a wrong password).
 */
final class ClientAuthentication {
    private final FrontDoor door;
    private final SocketAddress remote;
    private final boolean tls;

    ClientAuthentication(FrontDoor door, SocketAddress remote, boolean tls) {
        this.door = door;
        this.remote = remote;
        this.tls = tls;
    }

    void authenticate(String user, String database, Authenticator.Conversation conversation) throws AuthFailure {
        InetAddress address = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address == null) {
            throw new AuthFailure(AuthFailure.INVALID_AUTHORIZATION, "could not determine the client's address");
        }
        HbaConfig.Rule rule = door.hba().match(tls, database, user, address);
        String who = "host \"" + address.getHostAddress() + "\", user \"" + user + "\", database \"" + database + "\", "
                + (tls ? "SSL encryption" : "no encryption");
        if (rule == null) {
            throw new AuthFailure(AuthFailure.INVALID_AUTHORIZATION, "no pg_hba.conf entry for " + who);
        }
        if (rule.method() == AuthMethod.REJECT) {
            throw new AuthFailure(AuthFailure.INVALID_AUTHORIZATION, "pg_hba.conf rejects connection for " + who);
        }
        new Authenticator(door.roles()).authenticate(rule.method(), user, conversation);
    }
}

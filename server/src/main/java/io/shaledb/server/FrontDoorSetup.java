package io.shaledb.server;

import io.shaledb.pgwire.auth.FrontDoor;
import io.shaledb.pgwire.auth.HbaConfig;
import io.shaledb.pgwire.auth.RoleDirectory;
import io.shaledb.pgwire.auth.ServerTls;
import io.shaledb.pgwire.auth.TlsFiles;
import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.catalog.Role;
import io.shaledb.sql.types.DateTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the PostgreSQL listener's {@link FrontDoor} from the data directory and the catalog:
 *
 * <pre>
 *   &lt;data dir&gt;/pg_hba.conf      who may connect from where, and how (written with defaults on first start)
 *   catalog roles              the password verifiers (a superuser is created on first start)
 *   &lt;data dir&gt;/server.crt/.key self-signed TLS pair generated on first start, unless configured
 *                              (in the background, with the TLS context: {@link #startTls})
 * </pre>
 *
 * The first superuser is called {@code shale} (or {@code $SHALE_SUPERUSER}); its password is
 * {@code $SHALE_PASSWORD} or, when that is not set, a random one written to the log exactly once,
 * at the start that creates it.
 */
final class FrontDoorSetup {
    private static final Logger log = LoggerFactory.getLogger(FrontDoorSetup.class);
    static final String HBA_FILE = "pg_hba.conf";
    static final String DEFAULT_SUPERUSER = "shale";

    private FrontDoorSetup() {}

    /**
     * Starts making the listener's TLS context in the background (see {@link ServerTls}): from
     * {@code --ssl-cert/--ssl-key}, or from the self-signed pair in {@code root}, generated first
     * when missing. A configured file that is not there stops the start right away; anything else
     * that goes wrong is logged and told to the clients that ask for TLS.
     *
     * @return the context in the making, or null when TLS is off
     */
    static ServerTls startTls(ServerConfig config, Path root) {
        ServerConfig.Security security = config.security();
        if (security.sslCert() != null) {
            Path cert = security.sslCert();
            Path key = security.sslKey();
            requireReadable("--ssl-cert", cert);
            requireReadable("--ssl-key", key);
            return ServerTls.inBackground("certificate " + cert, () -> new Path[] {cert, key});
        }
        if (!security.tls()) {
            return null;
        }
        return ServerTls.inBackground("self-signed certificate in " + root, () -> TlsFiles.ensureSelfSigned(root));
    }

    private static void requireReadable(String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalStateException("could not load TLS " + option + " " + file + ": not a readable file");
        }
    }

    /** The front door, with {@code tls} from {@link #startTls} (null: SSLRequest is answered 'N'). */
    static FrontDoor build(ServerConfig config, Path root, SqlDatabase database, ServerTls tls) {
        HbaConfig hba = HbaConfig.loadOrCreate(root.resolve(HBA_FILE));
        ensureSuperuser(database);
        RoleDirectory roles = name -> {
            Role r = database.catalog().role(null, name);
            return r == null ? null : new RoleDirectory.Credentials(r.name(), r.login(), r.superuser(), r.password(),
                    r.validUntil() == null || r.validUntil() == DateTimes.TS_POS_INFINITY ? null : DateTimes.toInstant(r.validUntil()));
        };
        return new FrontDoor(hba, roles, tls, config.security().maxConnections());
    }

    /** Creates the first superuser when the catalog has no role at all. */
    private static void ensureSuperuser(SqlDatabase database) {
        if (!database.catalog().roles(null).isEmpty()) {
            return;
        }
        String name = envOr("SHALE_SUPERUSER", DEFAULT_SUPERUSER);
        String given = System.getenv("SHALE_PASSWORD");
        String password = given != null && !given.isEmpty() ? given : generatedPassword();
        try (SqlSession session = database.openSession()) {
            session.execute("CREATE ROLE " + quoteIdent(name) + " SUPERUSER CREATEDB CREATEROLE LOGIN PASSWORD "
                    + quoteLiteral(password), new Discard());
        }
        if (given != null && !given.isEmpty()) {
            log.info("created superuser \"{}\" with the password from $SHALE_PASSWORD", name);
        } else {
            log.warn("created superuser \"{}\" with password \"{}\" -- shown this once; change it with "
                    + "ALTER ROLE {} PASSWORD '...'", name, password, quoteIdent(name));
        }
    }

    private static String envOr(String variable, String fallback) {
        String v = System.getenv(variable);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String generatedPassword() {
        byte[] raw = new byte[15];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String quoteIdent(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A sink for the bootstrap statement's completion. */
    private static final class Discard implements ResultSink {
        @Override
        public void columns(List<ColumnInfo> columns) {
        }

        @Override
        public void row(Object[] values) {
        }

        @Override
        public void complete(String commandTag) {
        }

        @Override
        public void emptyQuery() {
        }
    }
}

package io.shaledb.server.slt;

import io.shaledb.server.EngineKind;
import io.shaledb.server.ServerConfig;
import io.shaledb.server.ShaleServer;
import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server the runner talks to over the PostgreSQL protocol. Every file runs on an empty
 * database of its own: {@link #open} makes one, closing the returned {@link FileDatabase} throws
 * it away.
 */
interface SltTarget extends AutoCloseable {

    /** The name the report uses: {@code postgresql} or {@code shaledb}. */
    String name();

    /** A fresh, empty database for {@code file}. */
    FileDatabase open(String file) throws SQLException;

    @Override
    void close() throws IOException;

    /** The database one file runs on; reconnects if the connection broke under a failing record. */
    abstract class FileDatabase implements AutoCloseable, SltRunner.ConnectionSource {
        private static final Logger log = LoggerFactory.getLogger(FileDatabase.class);
        private final String url;
        private final String user;
        private Connection connection;

        FileDatabase(String url, String user) {
            this.url = url;
            this.user = user;
        }

        @Override
        public Connection connection() throws SQLException {
            if (connection == null || connection.isClosed()) {
                if (connection != null) {
                    log.warn("the connection to {} broke; reconnecting", url);
                }
                Properties props = new Properties();
                props.setProperty("user", user);
                // ShaleDB speaks the simple query protocol only; PostgreSQL gets the same treatment
                props.setProperty("preferQueryMode", "simple");
                connection = DriverManager.getConnection(url, props);
            }
            return connection;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (connection != null) {
                    connection.close();
                }
            } finally {
                dispose();
            }
        }

        /** Throws the database away. */
        abstract void dispose() throws SQLException;
    }

    /** A throwaway real PostgreSQL cluster; each file gets a database created in it. */
    static SltTarget postgres(PostgresPeer peer) {
        return new SltTarget() {
            private int counter;

            @Override
            public String name() {
                return "postgresql";
            }

            @Override
            public FileDatabase open(String file) throws SQLException {
                String db = "slt_" + (++counter);
                admin("CREATE DATABASE " + db);
                return new FileDatabase(peer.jdbcUrl(db), peer.user()) {
                    @Override
                    void dispose() throws SQLException {
                        admin("DROP DATABASE " + db);
                    }
                };
            }

            private void admin(String sql) throws SQLException {
                try (Connection c = DriverManager.getConnection(peer.jdbcUrl("postgres"), peer.user(), "");
                        Statement st = c.createStatement()) {
                    st.execute(sql);
                }
            }

            @Override
            public void close() throws IOException {
                peer.close();
            }
        };
    }

    /** ShaleDB in this JVM: each file gets a server of its own on a fresh data directory. */
    static SltTarget shaleDb(EngineKind engine) {
        return new SltTarget() {
            @Override
            public String name() {
                return "shaledb";
            }

            @Override
            public FileDatabase open(String file) {
                Path dir;
                try {
                    dir = Files.createTempDirectory("slt-shaledb-");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a data directory for " + file, e);
                }
                ShaleServer server = ShaleServer.start(ServerConfig.defaults().withDataDir(dir).withPgPort(0).withEngine(engine));
                return new FileDatabase("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/shale", "shale") {
                    @Override
                    void dispose() {
                        server.close();
                        deleteTree(dir);
                    }
                };
            }

            @Override
            public void close() {}
        };
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

package io.shaledb.pgwire;

import io.shaledb.sql.SqlSession;

/**
 * Opens the SQL session behind one client connection, once its startup packet has been read.
 *
 * <p>Called on the connection's own worker thread (never on a Netty event loop), so it may block.
 * Throwing a {@link io.shaledb.sql.SqlException} rejects the connection with a FATAL error carrying
 * that SQLSTATE (e.g. 3D000 for an unknown database); any other exception becomes FATAL XX000.
 */
@FunctionalInterface
public interface SessionFactory {
    /**
     * @param processId the backend process id the connection announced in BackendKeyData: the
     *     session reports it as its pid (pg_backend_pid(), pg_stat_activity)
     */
    SqlSession open(String user, String database, int processId);
}

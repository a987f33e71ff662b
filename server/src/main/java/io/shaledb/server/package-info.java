/**
 * Wiring one ShaleDB server together.
 *
 * <p>This package owns no database logic. It takes a {@link io.shaledb.server.ServerConfig},
 * locks the data directory so two servers never share one, builds the layers bottom-up and hands
 * each the one below it, and shuts them down top-down so a client is never served by a closed
 * engine:
 *
 * <pre>
 *   start ↓                                   close ↑
 *   DataDirectory   lock shale.lock, write pid
 *   StorageEngine   (in-memory today; B+Tree/LSM later)
 *   SqlDatabase     catalog + executor on the engine
 *   PgServer        PostgreSQL protocol on host:pgPort
 * </pre>
 *
 * The command line ({@code shale server}) lives in the {@code cli} module; this package can also
 * be embedded, e.g. by tests that want a server in-process.
 */
package io.shaledb.server;

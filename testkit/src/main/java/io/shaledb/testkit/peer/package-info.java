/**
 * Real peers to compare ShaleDB with.
 *
 * <p>Where ShaleDB promises to behave like another database, the other database is the judge, not
 * our memory of it. {@link io.shaledb.testkit.peer.PostgresPeer} starts a real, throwaway
 * PostgreSQL cluster from the installed server binaries, so a test can run the same script against
 * both servers (the isolation tests prove their expected transcripts are PostgreSQL's), and a
 * benchmark can measure both on the same machine.
 *
 * <pre>
 *   PostgresPeer.start()
 *     ├─ find initdb, pg_ctl, postgres   (-Dpostgres.bin, PATH, /usr/local/bin, /usr/lib/postgresql/N/bin)
 *     ├─ mkdtemp /tmp/postgres-peer-X     (owned by 'postgres' when the JVM is root)
 *     ├─ [runuser -u postgres --] initdb -D X/data -A trust
 *     ├─ append listen_addresses=127.0.0.1, port=free, unix_socket_directories=X, settings
 *     └─ [runuser -u postgres --] pg_ctl -D X/data -w start   ──▶ jdbc:postgresql://127.0.0.1:port/postgres
 *   close()
 *     └─ pg_ctl -m immediate stop, rm -r X
 * </pre>
 *
 * When the binaries are missing, {@code startIfAvailable()} says loudly what to install and lets
 * the caller skip; a cluster that is installed but fails to start is an error.
 */
package io.shaledb.testkit.peer;

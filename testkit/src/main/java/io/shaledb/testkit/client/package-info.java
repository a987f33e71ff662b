/**
 * Real clients, driven from tests.
 *
 * <p>Where a peer's client is the judge of compatibility, tests use that client, not a
 * re-implementation of it: {@link io.shaledb.testkit.client.Psql} runs the installed {@code psql}
 * binary with a fixed, pager-free set of options and captures what it prints, so a test can
 * compare ShaleDB's output to exactly what a PostgreSQL user would see.
 *
 * <pre>
 *   test ──▶ Psql.command("SELECT …") ──▶ /usr/bin/psql -X -h 127.0.0.1 -p P -c "SELECT …"
 *                                                │
 *        ◀── Result(exitCode, stdout, stderr) ◀──┘
 * </pre>
 *
 * <p>The one exception is {@link io.shaledb.testkit.client.PgRawClient}: where the point is bytes
 * no real client would send (lying lengths, half messages, out-of-order extended-protocol
 * messages), a test writes exactly those bytes and reads back each backend message.
 */
package io.shaledb.testkit.client;

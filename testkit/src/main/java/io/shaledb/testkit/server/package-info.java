/**
 * Running a real server from a test.
 *
 * <p>Integration and crash tests must go through the same front door users do, so
 * {@link io.shaledb.testkit.server.ServerProcess} starts the {@code shale server} command in a
 * child JVM (with the test's own class path, so no packaging step is needed) and talks to it only
 * over its sockets. Because it is a separate process it can be killed with {@code SIGKILL}: the
 * crash tests of the durable engines kill it mid-write, restart it on the same data directory and
 * check what survived.
 *
 * <pre>
 *   test JVM                                child JVM
 *   ─────────                               ─────────────────────────────
 *   ServerProcess.start() ── spawn ──────▶  io.shaledb.cli.Main server
 *        │                                    --data-dir D --pg-port P
 *        │◀── poll until P accepts ───────────  listening
 *   psql / pgjdbc / raw socket ──── TCP ───▶  pgwire → sql → storage
 *   kill()  ── SIGKILL ──────────────────▶  (gone, nothing flushed)
 *   restart() ── spawn again on D, P ────▶  recovers from D
 * </pre>
 *
 * {@link io.shaledb.testkit.server.FreePorts} picks ports so parallel test runs never collide with
 * each other or with a developer's own server on the default ports.
 */
package io.shaledb.testkit.server;

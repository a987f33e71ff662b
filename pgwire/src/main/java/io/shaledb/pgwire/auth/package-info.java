/**
 * The front door of the PostgreSQL listener: who may connect, how they prove it, over what.
 *
 * <h2>The idea</h2>
 *
 * Between a client's startup packet and its AuthenticationOk, the server must answer three
 * questions, each with PostgreSQL's own answer so that libpq, pgjdbc and every tool on them work
 * unmodified: is the conversation encrypted (SSLRequest, answered 'S' and continued through
 * Netty's {@code SslHandler}, see {@link io.shaledb.pgwire.auth.TlsFiles} and
 * {@link io.shaledb.pgwire.auth.ServerTls}); which authentication
 * method applies ({@link io.shaledb.pgwire.auth.HbaConfig}: the first {@code pg_hba.conf} rule
 * that matches TLS-or-not, database, user and client address); and does the client know the
 * password ({@link io.shaledb.pgwire.auth.Authenticator}, with
 * {@link io.shaledb.pgwire.auth.ScramExchange} for SCRAM-SHA-256).
 *
 * <pre>
 *  client                         PgConnection (worker)          this package
 *    |-- SSLRequest -------------->| FrontDoor.tls() != null?      ServerTls.await(): made in the background
 *    |&lt;-- 'S', TLS handshake -------|   SslHandler added first (startTls: the 'S' goes out in clear)
 *    |&lt;-- or E F0000 (TLS failed) --|
 *    |-- StartupMessage ---------->| admit(): max_connections     -&gt; 53300 when full
 *    |                             | ClientAuthentication ------&gt; HbaConfig.match(tls, db, user, addr)
 *    |                             |                               no rule / reject -&gt; 28000
 *    |&lt;-- R 10 SASL SCRAM-SHA-256 --|                              Authenticator.authenticate(method)
 *    |-- p SASLInitialResponse --->|                                ScramExchange.serverFirst
 *    |&lt;-- R 11 SASLContinue --------|
 *    |-- p SASLResponse ---------->|                                ScramExchange.serverFinal: proof ok?
 *    |&lt;-- R 12 SASLFinal / E 28P01 -|
 *    |&lt;-- R 0 AuthenticationOk ... -|  SessionFactory.open(...)
 * </pre>
 *
 * <h2>Why it is shaped like this</h2>
 *
 * The exchange runs on the connection's own worker thread, reading PasswordMessages from the same
 * inbox as every other message through a {@link io.shaledb.pgwire.auth.Authenticator.Conversation},
 * so authentication can block (a role lookup, a slow client) without an event loop ever waiting,
 * and the protocol code never sees a verifier. The passwords themselves never reach the server's
 * storage: the SQL catalog keeps PostgreSQL's verifiers ({@link io.shaledb.sql.roles.Passwords}),
 * and the {@link io.shaledb.pgwire.auth.RoleDirectory} is the one narrow interface through which
 * this package reads them, so the listener can be tested with roles in a map. Every way of failing
 * a password check (wrong password, unknown role, no password, expired) looks the same to the
 * client: 28P01, after a full (mock, for a missing role) exchange.
 */
package io.shaledb.pgwire.auth;

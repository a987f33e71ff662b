/**
 * Roles: {@code CREATE/ALTER/DROP ROLE} (and {@code USER}), their password verifiers, and the
 * {@code pg_roles} view.
 *
 * <h2>The idea</h2>
 *
 * A role is a catalog object like a schema or a function ({@link io.shaledb.sql.catalog.Role},
 * object kind 11), so role DDL is transactional, invisible to others until commit and crash-safe
 * for free. What is special is the password: the clear text exists only while the statement runs.
 * {@link io.shaledb.sql.roles.Passwords} turns it into the verifier {@code password_encryption}
 * asks for, in PostgreSQL's exact formats, so a verifier copied from PostgreSQL
 * ({@code pg_dumpall}) works here and the other way round:
 *
 * <pre>
 *   CREATE ROLE alice LOGIN PASSWORD 'wonderland'
 *       |  RoleParser -&gt; Statement.CreateRole -&gt; Session -&gt; RoleExecutor (with password_encryption)
 *       v
 *   Passwords.verifier("wonderland", "alice", "scram-sha-256")
 *       = SCRAM-SHA-256$4096:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;     (or md5&lt;hex&gt;; a verifier given as the
 *       |                                                           password is kept as it is)
 *       v
 *   Catalog.createRole: 'c' 'o' tuple(11, "alice") -&gt; Role(..., password = verifier)
 *       |
 *       v  read (latest committed) by the PostgreSQL listener's authentication
 * </pre>
 *
 * The SCRAM primitives (Hi, HMAC, StoredKey/ServerKey) live here rather than in the protocol
 * module because both sides need them: this package to build verifiers, the listener to check a
 * client's proof against one.
 */
package io.shaledb.sql.roles;

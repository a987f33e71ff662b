package io.shaledb.sql.roles;

import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement;
import io.shaledb.sql.ast.Statement.Ident;
import io.shaledb.sql.ast.Statement.RoleOption;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Role;
import io.shaledb.sql.types.DateTimes;
import io.shaledb.txn.Transaction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE ROLE / USER, ALTER ROLE and DROP ROLE: transactional catalog changes like every DDL.
 * A password is stored as the verifier {@code password_encryption} asks for (see
 * {@link Passwords}), or as given when it already is a verifier; an empty one clears the password
 * with PostgreSQL's NOTICE.
 */
public final class RoleExecutor {
    private final Catalog catalog;

    public RoleExecutor(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Runs {@code s} in {@code tx}; {@code passwordEncryption} is the session's setting. */
    public void execute(Statement.RoleStatement s, Transaction tx, ResultSink sink, String passwordEncryption) {
        if (tx.readOnly()) {
            String command = switch (s) {
                case Statement.CreateRole ignored -> "CREATE ROLE";
                case Statement.AlterRole ignored -> "ALTER ROLE";
                case Statement.DropRole ignored -> "DROP ROLE";
            };
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + command + " in a read-only transaction");
        }
        switch (s) {
            case Statement.CreateRole c -> create(c, tx, sink, passwordEncryption);
            case Statement.AlterRole a -> alter(a, tx, sink, passwordEncryption);
            case Statement.DropRole d -> drop(d, tx, sink);
        }
    }

    private void create(Statement.CreateRole c, Transaction tx, ResultSink sink, String passwordEncryption) {
        String name = c.name().name();
        if (!io.shaledb.sql.privileges.AccessControl.mayCreateRoles()) {
            throw new SqlException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create role");
        }
        if (name.startsWith("pg_")) {
            throw new SqlException(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved", 0,
                    "Role names starting with \"pg_\" are reserved.", null, null);
        }
        if (catalog.role(tx, name) != null) {
            throw new SqlException(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
        }
        Role r = new Role(catalog.allocateId(), name, false, c.user(), false, false, true, -1, null, null);
        r = apply(r, c.options(), sink, passwordEncryption);
        catalog.createRole(tx, r);
        sink.complete("CREATE ROLE");
    }

    private void alter(Statement.AlterRole a, Transaction tx, ResultSink sink, String passwordEncryption) {
        Role old = existing(tx, a.name());
        Role updated;
        if (a.renameTo() != null) {
            String to = a.renameTo().name();
            if (catalog.role(tx, to) != null) {
                throw new SqlException(SqlState.DUPLICATE_OBJECT, "role \"" + to + "\" already exists");
            }
            if (to.startsWith("pg_")) {
                throw new SqlException(SqlState.RESERVED_NAME, "role name \"" + to + "\" is reserved", 0,
                        "Role names starting with \"pg_\" are reserved.", null, null);
            }
            updated = old.withName(to);
            if (Passwords.isMd5(old.password())) {
                // the md5 verifier is salted with the name: it no longer matches any password
                sink.notice("NOTICE", "00000", "MD5 password cleared because of role rename", null, null);
                updated = new Role(updated.id(), to, updated.superuser(), updated.login(), updated.createdb(),
                        updated.createrole(), updated.inherit(), updated.connectionLimit(), null, updated.validUntil());
            }
        } else {
            updated = apply(old, a.options(), sink, passwordEncryption);
        }
        catalog.replaceRole(tx, old, updated);
        sink.complete("ALTER ROLE");
    }

    private void drop(Statement.DropRole d, Transaction tx, ResultSink sink) {
        for (Ident name : d.names()) {
            Role r = catalog.role(tx, name.name());
            if (r == null) {
                if (!d.ifExists()) {
                    throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + name.name() + "\" does not exist");
                }
                sink.notice("NOTICE", "00000", "role \"" + name.name() + "\" does not exist, skipping", null, null);
                continue;
            }
            io.shaledb.sql.privileges.RoleDependencies.checkDrop(catalog, tx, r);
            catalog.dropRole(tx, r);
        }
        sink.complete("DROP ROLE");
    }

    private Role existing(Transaction tx, Ident name) {
        Role r = catalog.role(tx, name.name());
        if (r == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + name.name() + "\" does not exist");
        }
        return r;
    }

    /** {@code r} with {@code options} applied; an option given twice is 42601, as in PostgreSQL. */
    private static Role apply(Role r, List<RoleOption> options, ResultSink sink, String passwordEncryption) {
        boolean superuser = r.superuser();
        boolean login = r.login();
        boolean createdb = r.createdb();
        boolean createrole = r.createrole();
        boolean inherit = r.inherit();
        int limit = r.connectionLimit();
        String password = r.password();
        Long validUntil = r.validUntil();
        Set<String> seen = new HashSet<>();
        for (RoleOption o : options) {
            if (!seen.add(o.name())) {
                throw new SqlException(SqlState.SYNTAX_ERROR, "conflicting or redundant options", o.pos() + 1);
            }
            switch (o.name()) {
                case "superuser" -> superuser = (Boolean) o.value();
                case "login" -> login = (Boolean) o.value();
                case "createdb" -> createdb = (Boolean) o.value();
                case "createrole" -> createrole = (Boolean) o.value();
                case "inherit" -> inherit = (Boolean) o.value();
                case "replication", "bypassrls" -> { } // accepted, without effect: no replication, no row security
                case "connection_limit" -> {
                    limit = (Integer) o.value();
                    if (limit < -1) {
                        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + limit);
                    }
                }
                case "password" -> {
                    String given = (String) o.value();
                    if (given != null && given.isEmpty()) {
                        sink.notice("NOTICE", "00000", "empty string is not a valid password, clearing password", null, null);
                        given = null;
                    }
                    password = given == null ? null : Passwords.verifier(given, r.name(), passwordEncryption);
                }
                case "valid_until" -> validUntil = DateTimes.parseTimestamptz((String) o.value());
                default -> throw new IllegalStateException("unknown role option " + o.name());
            }
        }
        return new Role(r.id(), r.name(), superuser, login, createdb, createrole, inherit, limit, password, validUntil);
    }
}

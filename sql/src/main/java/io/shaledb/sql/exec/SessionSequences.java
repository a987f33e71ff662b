package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Sequence;
import io.shaledb.txn.Transaction;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One session's view of sequences: what {@code currval} and {@code lastval} return (the values
 * this session last got), on top of the shared, non-transactional values in
 * {@link io.shaledb.sql.catalog.Sequences}.
 */
final class SessionSequences {
    private final Catalog catalog;
    private final Map<Integer, Long> current = new HashMap<>();
    private Sequence last;

    SessionSequences(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The database's catalog (for catalog functions such as pg_get_constraintdef). */
    Catalog catalog() {
        return catalog;
    }

    long nextval(Transaction tx, String regclass) {
        Sequence q = resolve(tx, regclass);
        io.shaledb.sql.privileges.AccessControl.requireSequence(q, io.shaledb.sql.privileges.Privilege.USAGE
                | io.shaledb.sql.privileges.Privilege.UPDATE);
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute nextval() in a read-only transaction");
        }
        long v = catalog.sequenceValues().next(q);
        current.put(q.id(), v);
        last = q;
        return v;
    }

    long currval(Transaction tx, String regclass) {
        Sequence q = resolve(tx, regclass);
        io.shaledb.sql.privileges.AccessControl.requireSequence(q, io.shaledb.sql.privileges.Privilege.SELECT
                | io.shaledb.sql.privileges.Privilege.USAGE);
        Long v = current.get(q.id());
        if (v == null) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "currval of sequence \"" + io.shaledb.sql.catalog.Catalog.bareName(q.name())
                    + "\" is not yet defined in this session");
        }
        return v;
    }

    long lastval(Transaction tx) {
        if (last == null) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
        }
        if (catalog.sequence(tx, last.name()) == null) {
            throw new SqlException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
        }
        io.shaledb.sql.privileges.AccessControl.requireSequence(last, io.shaledb.sql.privileges.Privilege.SELECT
                | io.shaledb.sql.privileges.Privilege.USAGE);
        return current.get(last.id());
    }

    long setval(Transaction tx, String regclass, long value, boolean called) {
        Sequence q = resolve(tx, regclass);
        io.shaledb.sql.privileges.AccessControl.requireSequence(q, io.shaledb.sql.privileges.Privilege.UPDATE);
        if (tx.readOnly()) {
            throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute setval() in a read-only transaction");
        }
        catalog.sequenceValues().set(q, value, called);
        if (called) {
            current.put(q.id(), value);
            last = q;
        }
        return value;
    }

    /** A {@code regclass} text as PostgreSQL reads it: folded unless quoted, {@code public.} allowed. */
    Sequence resolve(Transaction tx, String regclass) {
        String name = identifierPart(regclass.strip());
        int dot = dotOutsideQuotes(regclass.strip());
        if (dot >= 0) {
            name = identifierPart(regclass.strip().substring(0, dot)) + "." + identifierPart(regclass.strip().substring(dot + 1));
        }
        String resolved = catalog.resolve(tx, name);
        Sequence q = catalog.sequence(tx, resolved);
        if (q == null) {
            if (catalog.table(tx, resolved) != null) {
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + io.shaledb.sql.catalog.Catalog.bareName(name) + "\" is not a sequence");
            }
            throw new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return q;
    }

    /** One part of a regclass text: folded to lower case unless double-quoted. */
    private static String identifierPart(String part) {
        String p = part.strip();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            return p.substring(1, p.length() - 1).replace("\"\"", "\"");
        }
        return p.toLowerCase(Locale.ROOT);
    }

    private static int dotOutsideQuotes(String s) {
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}

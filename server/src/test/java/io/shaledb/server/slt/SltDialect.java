package io.shaledb.server.slt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where the runner changes the corpus' SQL before sending it, because SQLite, which
 * wrote the corpus, and PostgreSQL, whose dialect both our targets speak, disagree on a statement
 * rather than on a result.
 *
 * <p>Only one rule exists: SQLite drops a view that other views select from (leaving them
 * dangling), PostgreSQL refuses with 2BP01 "cannot drop view ... because other objects depend on
 * it". The index/view files drop {@code view_1} before {@code view_3}, which selects from it. A
 * plain {@code DROP VIEW name} therefore becomes {@code DROP VIEW IF EXISTS name CASCADE}: the
 * dependants go with it, and their own later {@code DROP VIEW} finds them gone and succeeds, as it
 * did in SQLite. No {@code statement error} record of the required set drops a view, so the
 * rewrite cannot turn an expected failure into a pass.
 */
final class SltDialect {
    private static final Pattern DROP_VIEW = Pattern.compile("(?i)\\s*DROP\\s+VIEW\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*");

    private SltDialect() {}

    /** The SQL to send for a record's SQL. */
    static String adapt(String sql) {
        Matcher m = DROP_VIEW.matcher(sql);
        return m.matches() ? "DROP VIEW IF EXISTS " + m.group(1) + " CASCADE" : sql;
    }
}

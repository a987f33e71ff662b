package io.shaledb.sql.ast;

import java.util.List;

/**
 * One item of a FROM clause: a named relation (table, view, CTE), a derived table, a table
 * function, or a join of two items. Every item may carry an alias and column aliases
 * ({@code t AS x(a, b)}); {@code columnAliases} is empty when none were written.
 */
public sealed interface FromItem {
    int pos();

    /** The alias, or null. */
    String alias();

    List<String> columnAliases();

    enum JoinKind { INNER, LEFT, RIGHT, FULL, CROSS }

    /** A table, view or CTE by name. */
    record Named(Statement.TableRef ref, List<String> columnAliases) implements FromItem {
        @Override
        public int pos() {
            return ref.pos();
        }

        @Override
        public String alias() {
            return ref.alias();
        }
    }

    /** {@code (query) [AS] alias [(cols)]}. */
    record Derived(Query query, String alias, List<String> columnAliases, int pos) implements FromItem {}

    /** {@code name(args) [AS] alias [(cols)]}, e.g. {@code generate_series(1, 10) AS g(n)}. */
    record Function(Expr.FunctionCall call, String alias, List<String> columnAliases, int pos, boolean ordinality)
            implements FromItem {
        public Function(Expr.FunctionCall call, String alias, List<String> columnAliases, int pos) {
            this(call, alias, columnAliases, pos, false);
        }
    }

    /**
     * {@code left [NATURAL] kind JOIN right [ON on | USING (using)]}; {@code on} is null and
     * {@code using} empty for CROSS and NATURAL joins. A parenthesized join may have an alias.
     */
    record Join(JoinKind kind, FromItem left, FromItem right, Expr on, List<Statement.Ident> using, boolean natural,
                String alias, List<String> columnAliases, int pos) implements FromItem {}
}

package io.shaledb.sql.constraint;

import io.shaledb.sql.ast.Expr;
import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Column;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.parser.Parser;
import io.shaledb.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code pg_get_constraintdef}: a constraint as PostgreSQL prints it, e.g.
 * {@code FOREIGN KEY (p_id) REFERENCES p(id) ON DELETE CASCADE} or {@code CHECK ((x > 0))}.
 *
 * <p>CHECK expressions are printed from their parse tree the way PostgreSQL's deparser prints
 * the common forms (every operator parenthesized, AND/OR chains flattened, string literals with
 * the type they are compared with, negative numbers as {@code '-1'::integer}); unusual
 * expressions may differ from PostgreSQL in parentheses or casts.
 */
public final class ConstraintText {
    private ConstraintText() {}

    /** The definition of {@code k} on {@code table}; {@code refTable} is the referenced table of an FK (else ignored). */
    /** The referenced table as PostgreSQL names it: bare when its schema is on the search path, else qualified. */
    private static String referencedName(Table ref) {
        String schema = Catalog.schemaOf(ref.name());
        String bare = quote(Catalog.bareName(ref.name()));
        return io.shaledb.sql.catalog.SearchPath.current().contains(schema) ? bare : quote(schema) + "." + bare;
    }

    public static String definition(Constraint k, Table table, Table refTable) {
        StringBuilder sb = new StringBuilder();
        switch (k.type()) {
            case Constraint.PRIMARY_KEY -> sb.append("PRIMARY KEY (").append(String.join(", ", quote(k.columns()))).append(')');
            case Constraint.UNIQUE -> sb.append("UNIQUE (").append(String.join(", ", quote(k.columns()))).append(')');
            case Constraint.CHECK -> {
                sb.append("CHECK (").append(deparse(Parser.parseExpression(k.checkExpr()), table)).append(')');
                if (k.noInherit()) {
                    sb.append(" NO INHERIT");
                }
            }
            case Constraint.FOREIGN_KEY -> {
                sb.append("FOREIGN KEY (").append(String.join(", ", quote(k.columns()))).append(") REFERENCES ")
                        .append(refTable == null ? "?" : referencedName(refTable))
                        .append('(').append(String.join(", ", quote(k.refColumns()))).append(')');
                if (k.matchType() == 'f') {
                    sb.append(" MATCH FULL");
                }
                if (k.updateAction() != 'a') {
                    sb.append(" ON UPDATE ").append(action(k.updateAction()));
                }
                if (k.deleteAction() != 'a') {
                    sb.append(" ON DELETE ").append(action(k.deleteAction()));
                    if (!k.setColumns().isEmpty()) {
                        sb.append(" (").append(String.join(", ", quote(k.setColumns()))).append(')');
                    }
                }
            }
            default -> throw new IllegalStateException("constraint type " + k.type());
        }
        if (k.deferrable()) {
            sb.append(" DEFERRABLE");
        }
        if (k.deferred()) {
            sb.append(" INITIALLY DEFERRED");
        }
        if (!k.validated()) {
            sb.append(" NOT VALID");
        }
        return sb.toString();
    }

    /** The SQL words of a referential action code. */
    static String action(char code) {
        return switch (code) {
            case 'r' -> "RESTRICT";
            case 'c' -> "CASCADE";
            case 'n' -> "SET NULL";
            case 'd' -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static List<String> quote(List<String> names) {
        return names.stream().map(ConstraintText::quote).toList();
    }

    /** An identifier as PostgreSQL's quote_identifier prints it. */
    static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    // ------------------------------------------------------------------ expressions

    static String deparse(Expr e, Table table) {
        return switch (e) {
            case Expr.ColumnRef c -> quote(c.column());
            case Expr.Literal l -> literal(l.value(), null);
            case Expr.Binary b when b.op().equals("AND") || b.op().equals("OR") -> {
                List<String> parts = new ArrayList<>();
                flatten(b, b.op(), parts, table);
                yield "(" + String.join(" " + b.op() + " ", parts) + ")";
            }
            case Expr.Binary b -> "(" + operand(b.left(), b.right(), table) + " " + operator(b.op()) + " "
                    + operand(b.right(), b.left(), table) + ")";
            case Expr.Unary u when u.op().equals("NOT") -> "(NOT " + deparse(u.operand(), table) + ")";
            case Expr.Unary u when u.op().startsWith("IS ") -> "(" + deparse(u.operand(), table) + " " + u.op() + ")";
            case Expr.Unary u -> "(" + u.op() + " " + deparse(u.operand(), table) + ")";
            case Expr.IsNull n -> "(" + deparse(n.operand(), table) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            case Expr.Between b -> {
                String x = deparse(b.operand(), table);
                String s = "((" + x + " >= " + operand(b.low(), b.operand(), table) + ") AND (" + x + " <= "
                        + operand(b.high(), b.operand(), table) + "))";
                yield b.negated() ? "(NOT " + s + ")" : s;
            }
            case Expr.InList in -> {
                List<String> items = new ArrayList<>();
                for (Expr i : in.items()) {
                    items.add(operand(i, in.operand(), table));
                }
                yield "(" + deparse(in.operand(), table) + (in.negated() ? " <> ALL (ARRAY[" : " = ANY (ARRAY[")
                        + String.join(", ", items) + "]))";
            }
            case Expr.Cast c -> "(" + deparse(c.operand(), table) + ")::" + c.type().name();
            case Expr.FunctionCall f -> {
                List<String> args = new ArrayList<>();
                for (Expr a : f.args()) {
                    args.add(deparse(a, table));
                }
                yield f.name() + "(" + String.join(", ", args) + ")";
            }
            default -> "(" + e + ")";
        };
    }

    private static void flatten(Expr e, String op, List<String> out, Table table) {
        if (e instanceof Expr.Binary b && b.op().equals(op)) {
            flatten(b.left(), op, out, table);
            flatten(b.right(), op, out, table);
        } else {
            out.add(deparse(e, table));
        }
    }

    /** {@code e} as an operand of a binary operator whose other operand is {@code other} (literals take its type). */
    private static String operand(Expr e, Expr other, Table table) {
        if (e instanceof Expr.Literal l) {
            return literal(l.value(), typeOf(other, table));
        }
        return deparse(e, table);
    }

    private static SqlType typeOf(Expr e, Table table) {
        if (e instanceof Expr.ColumnRef c && table != null && table.columnIndex(c.column()) >= 0) {
            return table.column(table.columnIndex(c.column())).type();
        }
        return null;
    }

    private static String literal(Object v, SqlType context) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof String s) {
            String type = context == null || context == SqlType.VARCHAR || context == SqlType.BPCHAR ? "text"
                    : Column.displayName(context, -1);
            return "'" + s.replace("'", "''") + "'::" + type;
        }
        if (v instanceof Number n) {
            boolean integral = !(v instanceof BigDecimal d) || d.scale() <= 0;
            String text = v instanceof BigDecimal d ? d.toPlainString() : n.toString();
            if (text.startsWith("-")) {
                return "'" + text + "'::" + (integral ? (v instanceof Long ? "bigint" : "integer") : "numeric");
            }
            if (context == SqlType.NUMERIC && integral) {
                return "(" + text + ")::numeric";
            }
            return text;
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }

    private static String operator(String op) {
        return op.toUpperCase(Locale.ROOT);
    }
}

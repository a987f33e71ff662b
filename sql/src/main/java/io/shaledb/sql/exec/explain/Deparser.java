package io.shaledb.sql.exec.explain;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Prints bound expressions the way PostgreSQL's ruleutils does in EXPLAIN: every operator
 * expression in parentheses ({@code (a = 1)}, {@code ((a = 1) AND (b < 2))}), columns named by
 * the layout's {@link Namer} (qualified {@code t.x} when asked), constants with their type
 * ({@code 'abc'::text}, {@code '5'::bigint}; integers, decimals and booleans bare) and conversions
 * as {@code (x)::type}.
 *
 * <pre>
 *   Compare(=, Slot 0, Const 1)              -&gt;  (id = 1)
 *   And(Compare(&gt;, Slot 1, Const 'a'), ...)  -&gt;  ((name &gt; 'a'::text) AND ...)
 *   Convert(Slot 0, integer -&gt; numeric)      -&gt;  (id)::numeric
 * </pre>
 */
public final class Deparser {
    private static final Set<String> UPPER_CASE_CALLS = Set.of("greatest", "least", "nullif");
    private static final Set<String> SQL_VALUE_FUNCTIONS = Set.of("current_timestamp", "current_date", "current_time",
            "localtimestamp", "localtime");

    private final Namer namer;
    private final boolean qualify;
    private final PlanRecorder recorder;
    /** Print as pg_get_indexdef / pg_get_expr do for a stored expression: IN lists as {@code = ANY (ARRAY[...])}. */
    private final boolean stored;

    public Deparser(Namer namer, boolean qualify, PlanRecorder recorder) {
        this(namer, qualify, recorder, false);
    }

    private Deparser(Namer namer, boolean qualify, PlanRecorder recorder, boolean stored) {
        this.namer = namer == null ? Namer.NONE : namer;
        this.qualify = qualify;
        this.recorder = recorder;
        this.stored = stored;
    }

    /**
     * A deparser for a stored expression (an index predicate), which PostgreSQL has not
     * const-folded: an IN list prints as {@code (x = ANY (ARRAY['a'::text, 'b'::text]))}.
     */
    public static Deparser stored(Namer namer) {
        return new Deparser(namer, false, null, true);
    }

    /** A deparser for another layout with the same settings (an outer query's row). */
    public Deparser over(Namer other) {
        return new Deparser(other, qualify, recorder, stored);
    }

    public boolean qualify() {
        return qualify;
    }

    /** The statement's recorder (sub-plan numbering), or null. */
    public PlanRecorder recorder() {
        return recorder;
    }

    /** The text of {@code b}. */
    public String deparse(Bound b) {
        return switch (b) {
            case null -> "NULL";
            case Bound.Slot s -> {
                String n = namer.slot(s.index(), qualify, this);
                yield n != null ? n : "$" + s.index();
            }
            case Bound.Const c -> constant(c.value(), c.type(), -1);
            case Bound.Negate n -> "(- " + deparse(n.operand()) + ")";
            case Bound.Compare c -> "(" + operand(c.left(), c.right()) + " " + c.op() + " " + operand(c.right(), c.left()) + ")";
            case Bound.And a -> "(" + String.join(" AND ", flatten(a, true)) + ")";
            case Bound.Or o when o.inList() && inList(o, false) != null -> inList(o, false);
            case Bound.Or o -> "(" + String.join(" OR ", flatten(o, false)) + ")";
            case Bound.Not n when n.operand() instanceof Bound.Or o && o.inList() && inList(o, true) != null -> inList(o, true);
            case Bound.Not n -> "(NOT " + deparse(n.operand()) + ")";
            case Bound.IsNull n -> "(" + deparse(n.operand()) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            case Bound.Concat c -> "(" + deparse(c.left()) + " || " + deparse(c.right()) + ")";
            case Bound.Convert c -> convert(c);
            case Bound.BinaryOp o -> o.op().equals("[]") ? deparse(o.left()) + "[" + deparse(o.right()) + "]"
                    : "(" + deparse(o.left()) + " " + operator(o.op()) + " " + deparse(o.right()) + ")";
            case Bound.Call c -> call(c.name(), c.args(), c.type());
            case Bound.Case c -> caseExpr(c);
            case Bound.Coalesce c -> "COALESCE(" + list(c.args()) + ")";
            case Bound.Function1 f -> f.name() + "(" + deparse(f.arg()) + ")";
            case Bound.Volatile v -> v.name() + "(" + list(v.args()) + ")";
            case Bound.Extension e -> e instanceof ExplainableExpr x ? x.deparse(this) : "?";
        };
    }

    /**
     * One side of a comparison. An integer literal compared with a bigint or smallint expression
     * was converted to that type when bound; PostgreSQL compares with a cross-type operator and
     * shows the literal as the integer it is: {@code (id = 42)}, not {@code (id = '42'::bigint)}.
     */
    private String operand(Bound side, Bound other) {
        if (side instanceof Bound.Const c && (c.type() == SqlType.BIGINT || c.type() == SqlType.SMALLINT)
                && !(other instanceof Bound.Const) && other.type() == c.type()
                && c.value() instanceof Number n && n.longValue() == n.intValue()) {
            return constant(n.intValue(), SqlType.INTEGER, -1);
        }
        if (side instanceof Bound.Convert c && !(c.operand() instanceof Bound.Const) && integral(c.type())
                && integral(c.operand().type()) && integral(other.type())) {
            return deparse(c.operand()); // smallint widened for the comparison: PostgreSQL's int2 / int4 / int8 operators mix
        }
        return deparse(side);
    }

    private static boolean integral(SqlType t) {
        return t == SqlType.SMALLINT || t == SqlType.INTEGER || t == SqlType.BIGINT;
    }

    /** The texts of {@code items}, comma-separated. */
    public String list(List<Bound> items) {
        List<String> out = new ArrayList<>();
        for (Bound b : items) {
            out.add(deparse(b));
        }
        return String.join(", ", out);
    }

    private List<String> flatten(Bound b, boolean and) {
        List<String> out = new ArrayList<>();
        if (and && b instanceof Bound.And a) {
            out.addAll(flatten(a.left(), true));
            out.addAll(flatten(a.right(), true));
        } else if (!and && b instanceof Bound.Or o && (!o.inList() || inList(o, false) == null)) {
            out.addAll(flatten(o.left(), false));
            out.addAll(flatten(o.right(), false));
        } else {
            out.add(deparse(b));
        }
        return out;
    }

    /**
     * An IN list of constants as PostgreSQL shows the ScalarArrayOpExpr it makes: {@code (x = ANY
     * ('{a,b}'::text[]))}, {@code <> ALL} for NOT IN; null (shown as ORs) when an item is not a
     * constant or the items were compared differently (mixed types).
     */
    private String inList(Bound.Or or, boolean negated) {
        List<Bound> items = new ArrayList<>();
        collectIn(or, items);
        String left = null;
        SqlType type = null;
        boolean constants = true;
        List<Bound> values = new ArrayList<>();
        for (Bound item : items) {
            if (!(item instanceof Bound.Compare c) || !c.op().equals("=")) {
                return null;
            }
            String l = deparse(c.left());
            if (left != null && !left.equals(l) || type != null && type != c.right().type()) {
                return null;
            }
            left = l;
            type = c.right().type();
            constants &= constantValue(c.right());
            values.add(c.right());
        }
        if (type == SqlType.VARCHAR) {
            // varchar has no = operator of its own: PostgreSQL compares as text
            type = SqlType.TEXT;
            left = left.startsWith("(") && left.endsWith(")::text") ? left : "(" + left + ")::text";
        }
        String quantifier = negated ? " <> ALL (" : " = ANY (";
        if (!constants) {
            return null; // PostgreSQL keeps column references as ORs beside an array of the rest: shown as ORs
        }
        if (stored) {
            List<String> items2 = new ArrayList<>();
            for (Bound v : values) {
                items2.add(deparse(v));
            }
            return "(" + left + quantifier + "ARRAY[" + String.join(", ", items2) + "]))";
        }
        List<String> elements = new ArrayList<>();
        int typmod = -1;
        for (Bound v : values) {
            Object value = v.eval(new Object[0]);
            elements.add(value == null ? "NULL" : arrayElement(type.toText(value)));
            if (v instanceof Bound.Convert cv) {
                typmod = cv.maxLength();
            }
        }
        return "(" + left + quantifier + quote("{" + String.join(",", elements) + "}") + "::" + typeName(type, typmod) + "[]))";
    }

    private static void collectIn(Bound b, List<Bound> out) {
        if (b instanceof Bound.Or o && o.inList()) {
            collectIn(o.left(), out);
            collectIn(o.right(), out);
        } else {
            out.add(b);
        }
    }

    private static boolean constantValue(Bound b) {
        return b instanceof Bound.Const || b instanceof Bound.Convert c && c.operand() instanceof Bound.Const;
    }

    /** An array element as array_out writes it: double-quoted when empty, NULL, or holding special characters. */
    private static String arrayElement(String text) {
        boolean quote = text.isEmpty() || text.equalsIgnoreCase("NULL");
        for (int i = 0; i < text.length() && !quote; i++) {
            char ch = text.charAt(i);
            quote = ch == '{' || ch == '}' || ch == ',' || ch == '"' || ch == '\\' || Character.isWhitespace(ch);
        }
        return quote ? "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : text;
    }

    private static String operator(String op) {
        return switch (op.toLowerCase(java.util.Locale.ROOT)) {
            case "like" -> "~~";
            case "not like" -> "!~~";
            case "ilike" -> "~~*";
            case "not ilike" -> "!~~*";
            default -> op;
        };
    }

    private String convert(Bound.Convert c) {
        if (c.operand() instanceof Bound.Const k) {
            try {
                return constant(c.eval(new Object[0]), c.type(), c.maxLength());
            } catch (RuntimeException e) {
                // a constant that fails to convert is shown as the conversion it is
                return "(" + deparse(k) + ")::" + typeName(c.type(), c.maxLength());
            }
        }
        if (c.operand() instanceof Bound.Convert inner && inner.operand().type() == c.type()) {
            return deparse(inner.operand());
        }
        return "(" + deparse(c.operand()) + ")::" + typeName(c.type(), c.maxLength());
    }

    private String call(String name, List<Bound> args, SqlType type) {
        if (name.equals("textout") && args.size() == 1) {
            return "(" + deparse(args.getFirst()) + ")::text";
        }
        if (args.isEmpty() && SQL_VALUE_FUNCTIONS.contains(name)) {
            return name.toUpperCase(java.util.Locale.ROOT); // CURRENT_DATE is a keyword, not a call
        }
        if (name.equals("array")) {
            return "ARRAY[" + list(args) + "]";
        }
        if (name.endsWith("/ALL") && args.size() == 2) { // "= ANY/ALL": x = ANY (array)
            String op = name.substring(0, name.length() - "/ALL".length());
            return "(" + deparse(args.get(0)) + " " + op + " (" + deparse(args.get(1)) + "))";
        }
        String shown = UPPER_CASE_CALLS.contains(name) ? name.toUpperCase(java.util.Locale.ROOT) : name;
        return shown + "(" + list(args) + ")";
    }

    private String caseExpr(Bound.Case c) {
        StringBuilder sb = new StringBuilder("CASE");
        for (int i = 0; i < c.conditions().size(); i++) {
            sb.append(" WHEN ").append(deparse(c.conditions().get(i))).append(" THEN ").append(deparse(c.results().get(i)));
        }
        if (c.otherwise() != null) {
            sb.append(" ELSE ").append(deparse(c.otherwise()));
        }
        return sb.append(" END").toString();
    }

    /** A constant as PostgreSQL's get_const_expr prints it. */
    public static String constant(Object value, SqlType type, int typmod) {
        if (value == null) {
            return "NULL::" + typeName(type == SqlType.UNKNOWN ? SqlType.TEXT : type, typmod);
        }
        String text = type.toText(value);
        switch (type) {
            case INTEGER -> {
                if (!text.startsWith("-")) {
                    return text;
                }
            }
            case NUMERIC -> {
                if (!text.startsWith("-") && (text.contains(".") || text.contains("e")) && text.matches("[0-9.e+-]+")) {
                    return text;
                }
            }
            case BOOLEAN -> {
                return Boolean.TRUE.equals(value) ? "true" : "false";
            }
            case UNKNOWN -> {
                return quote(text);
            }
            default -> { }
        }
        return quote(text) + "::" + typeName(type, typmod);
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** PostgreSQL's format_type with a type modifier where the name shows one. */
    public static String typeName(SqlType type, int typmod) {
        if (typmod >= 0 && (type == SqlType.VARCHAR || type == SqlType.BPCHAR)) {
            return type.sqlName() + "(" + typmod + ")";
        }
        return type.sqlName();
    }
}

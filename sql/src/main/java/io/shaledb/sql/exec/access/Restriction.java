package io.shaledb.sql.exec.access;

import io.shaledb.sql.exec.Bound;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One conjunct read as a restriction of a single expression ({@code target}) by values that are
 * fixed while a scan runs: {@code target = v}, {@code target IN (v1, v2)} (an OR of equalities),
 * {@code target IS NULL}, or {@code target op v} for {@code < <= > >=}. Either side may be the
 * target ({@code 5 < x} is {@code x > 5}).
 *
 * @param op {@code "="} (values holds one or more values; {@link IndexCond#IS_NULL} for IS NULL),
 *     or one of {@code < <= > >=} (values holds one value)
 */
record Restriction(Bound conjunct, Bound target, String op, List<Bound> values) {

    boolean equality() {
        return op.equals("=");
    }

    boolean lower() {
        return op.equals(">") || op.equals(">=");
    }

    boolean upper() {
        return op.equals("<") || op.equals("<=");
    }

    boolean inclusive() {
        return op.length() == 2 || op.equals("=");
    }

    /**
     * The restriction {@code conjunct} expresses, or null. {@code onTarget} says which expressions
     * may be the restricted side; {@code constant} which may be a value.
     */
    static Restriction of(Bound conjunct, Predicate<Bound> onTarget, Predicate<Bound> constant) {
        switch (conjunct) {
            case Bound.Compare c -> {
                if (c.op().equals("<>")) {
                    return null;
                }
                if (onTarget.test(c.left()) && constant.test(c.right())) {
                    return new Restriction(conjunct, c.left(), c.op(), List.of(c.right()));
                }
                if (onTarget.test(c.right()) && constant.test(c.left())) {
                    return new Restriction(conjunct, c.right(), flip(c.op()), List.of(c.left()));
                }
                return null;
            }
            case Bound.IsNull n when !n.negated() && onTarget.test(n.operand()) -> {
                return new Restriction(conjunct, n.operand(), "=", List.of(IndexCond.IS_NULL));
            }
            case Bound.Or o -> {
                List<Bound> alternatives = new ArrayList<>();
                flattenOr(o, alternatives);
                Bound target = null;
                List<Bound> values = new ArrayList<>();
                for (Bound a : alternatives) {
                    Restriction r = of(a, onTarget, constant);
                    if (r == null || !r.equality() || r.values().contains(IndexCond.IS_NULL)
                            || (target != null && !Shapes.same(r.target(), target, 0))) {
                        return null;
                    }
                    target = r.target();
                    values.addAll(r.values());
                }
                return new Restriction(conjunct, target, "=", values);
            }
            default -> {
                return null;
            }
        }
    }

    static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static void flattenOr(Bound b, List<Bound> out) {
        if (b instanceof Bound.Or o) {
            flattenOr(o.left(), out);
            flattenOr(o.right(), out);
        } else {
            out.add(b);
        }
    }

    /** {@code b}'s AND-ed parts. */
    static List<Bound> conjuncts(Bound b) {
        List<Bound> out = new ArrayList<>();
        flattenAnd(b, out);
        return out;
    }

    private static void flattenAnd(Bound b, List<Bound> out) {
        if (b instanceof Bound.And a) {
            flattenAnd(a.left(), out);
            flattenAnd(a.right(), out);
        } else if (b != null) {
            out.add(b);
        }
    }
}

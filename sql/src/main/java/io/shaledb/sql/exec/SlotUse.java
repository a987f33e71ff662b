package io.shaledb.sql.exec;

import java.util.BitSet;
import java.util.List;

/**
 * Which slots of the input row a bound expression reads, for placing WHERE and ON conjuncts in the
 * join tree. It walks any {@link Bound} record generically through its record components (so new
 * node types need no change here). An outer reference reads no slot of this level (it is a
 * constant here); any other {@link Bound.Extension} (a subquery) makes the answer null: such a
 * conjunct is evaluated above all joins.
 */
final class SlotUse {
    private SlotUse() {}

    /** The slots {@code b} reads, or null when it contains an extension node. */
    static BitSet of(Bound b) {
        BitSet s = new BitSet();
        return collect(b, s) ? s : null;
    }

    private static boolean collect(Object o, BitSet s) {
        switch (o) {
            case null -> {
                return true;
            }
            case Bound.Slot slot -> {
                s.set(slot.index());
                return true;
            }
            case Correlation.OuterRef outerRef -> {
                return true; // a value of the enclosing query's row: constant at this level
            }
            case Bound.Extension e -> {
                return false;
            }
            case Bound b when b.getClass().isRecord() -> {
                for (java.lang.reflect.Method c : io.shaledb.sql.exec.reuse.RecordAccessors.of(b.getClass())) {
                    try {
                        if (!collect(c.invoke(b), s)) {
                            return false;
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + b.getClass(), e);
                    }
                }
                return true;
            }
            case Bound b -> {
                return false;
            }
            case List<?> list -> {
                for (Object x : list) {
                    if (!collect(x, s)) {
                        return false;
                    }
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }
}

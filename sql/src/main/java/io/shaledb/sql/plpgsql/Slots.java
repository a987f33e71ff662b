package io.shaledb.sql.plpgsql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter numbers a compiled function's embedded SQL uses: each distinct thing a name can
 * mean — a variable, a field of NEW / OLD, NEW / OLD as a whole — gets one number, and at run
 * time {@link Interpreter} supplies the values of the numbers an expression uses.
 */
final class Slots {
    sealed interface Slot {
        /** A variable of the function's frame. */
        record Var(int index) implements Slot {}

        /** {@code NEW.column} / {@code OLD.column}: resolved against the trigger's table at run time. */
        record Field(boolean isNew, String column) implements Slot {}

        /** {@code NEW} / {@code OLD} as a whole, passed as a jsonb object (e.g. to {@code to_jsonb(NEW)}). */
        record Whole(boolean isNew) implements Slot {}
    }

    private final List<Slot> slots = new ArrayList<>();
    private final Map<Slot, Integer> numbers = new HashMap<>();

    int number(Slot s) {
        return numbers.computeIfAbsent(s, k -> {
            slots.add(k);
            return slots.size() - 1;
        });
    }

    Slot get(int number) {
        return slots.get(number);
    }

    int size() {
        return slots.size();
    }
}

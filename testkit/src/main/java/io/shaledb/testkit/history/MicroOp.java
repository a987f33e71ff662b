package io.shaledb.testkit.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One step of a list-append transaction: append a unique element to a key's list, read one key's
 * list, or read the lists of a range of keys. A read whose statement failed has no result
 * ({@code observed == null}); the checker ignores it.
 */
public sealed interface MicroOp {

    /** Appends {@code element} (unique in the whole history) to the end of key {@code key}'s list. */
    record Append(int key, String element) implements MicroOp {
        public Append {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String toString() {
            return "a(" + key + "," + element + ")";
        }
    }

    /** Reads key {@code key}'s whole list; {@code observed} is null when the read failed. */
    record Read(int key, List<String> observed) implements MicroOp {
        public Read {
            observed = observed == null ? null : List.copyOf(observed);
        }

        @Override
        public String toString() {
            return "r(" + key + ")=" + Lists.abbreviate(observed);
        }
    }

    /**
     * Reads every key in {@code [low, high]}: {@code observed} maps each returned key to its list, or
     * is null when the read failed. Every key of a list-append history exists from the start, so a
     * complete answer names every key of the range that the history mentions.
     */
    record RangeRead(int low, int high, Map<Integer, List<String>> observed) implements MicroOp {
        public RangeRead {
            if (observed != null) {
                Map<Integer, List<String>> copy = new LinkedHashMap<>();
                observed.forEach((k, list) -> copy.put(k, List.copyOf(list)));
                observed = Collections.unmodifiableMap(copy);
            }
        }

        @Override
        public String toString() {
            if (observed == null) {
                return "rr(" + low + ".." + high + ")=?";
            }
            return "rr(" + low + ".." + high + ")={" + observed.entrySet().stream()
                    .map(e -> e.getKey() + "=" + Lists.abbreviate(e.getValue()))
                    .collect(Collectors.joining(", ")) + "}";
        }
    }
}

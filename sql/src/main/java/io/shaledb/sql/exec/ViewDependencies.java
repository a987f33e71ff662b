package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.View;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a view's query uses, recorded while {@code CREATE VIEW} plans it: every relation name
 * its FROM clauses resolve to a table or view (by id), and every column of a table that a
 * column reference or a {@code *} binds to. Views the query expands contribute nothing of
 * their own (their dependencies are theirs), exactly as in PostgreSQL's pg_depend.
 *
 * <pre>
 *   FromPlanner.named ── relation(written, table|view) ──┐
 *   Binder / SelectPlanner(*) ── use(bound expr) ────────┴──> refs: name -> id, used columns
 * </pre>
 */
final class ViewDependencies {
    private record Entry(String name, int id, boolean view, Table table, Set<String> used) {}

    private final Map<String, Entry> byName = new LinkedHashMap<>();

    void relation(String written, Table table) {
        byName.putIfAbsent(written, new Entry(written, table.id(), false, table, new LinkedHashSet<>()));
    }

    void relation(String written, View view) {
        byName.putIfAbsent(written, new Entry(written, view.id(), true, null, new LinkedHashSet<>()));
    }

    /** Records the table columns {@code b} reads. */
    void use(Bound b) {
        walk(b);
    }

    private void walk(Object o) {
        switch (o) {
            case null -> { }
            case Bound.Slot s when s.tableOid() != 0 && s.attnum() > 0 -> {
                for (Entry e : byName.values()) {
                    if (e.table() != null && e.table().oid() == s.tableOid() && s.attnum() <= e.table().columns().size()) {
                        e.used().add(e.table().column(s.attnum() - 1).name());
                    }
                }
            }
            case Bound b when b.getClass().isRecord() -> {
                for (RecordComponent c : b.getClass().getRecordComponents()) {
                    try {
                        walk(c.getAccessor().invoke(b));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + c + " of " + b.getClass(), e);
                    }
                }
            }
            case List<?> list -> list.forEach(this::walk);
            default -> { }
        }
    }

    List<View.Ref> refs() {
        List<View.Ref> out = new ArrayList<>();
        for (Entry e : byName.values()) {
            out.add(new View.Ref(e.name(), e.id(), e.view(), List.copyOf(e.used()), Map.of()));
        }
        return out;
    }
}

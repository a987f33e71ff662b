package io.shaledb.sql.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A view: a stored query, one object of the MVCC catalog (payload kind 2).
 *
 * <p>{@code sql} is the query's text as written; it is re-parsed and planned as a derived table
 * wherever the view is used. {@code columns} and {@code types} are the view's output columns as
 * they were when it was created (its {@code CREATE VIEW v (a, b)} names or the query's own).
 *
 * <p>{@code refs} make the text robust against renames, in the place of PostgreSQL's stored
 * parse tree: every relation name the query's FROM clauses wrote is bound to the <em>id</em> of
 * the table or view it meant, so a renamed table is still found under the name the text uses,
 * and a renamed column is shown to the query under its old name ({@link Ref#aliases}). The same
 * records are the view's dependencies: which tables, views and columns it uses.
 *
 * <pre>
 *   CREATE VIEW v AS SELECT a FROM t        refs: [ "t" -> table 5, used {a}, aliases {} ]
 *   ALTER TABLE t RENAME TO u               (nothing to do: "t" still means table 5)
 *   ALTER TABLE u RENAME a TO b             refs: [ "t" -> table 5, used {b}, aliases {b -> a} ]
 * </pre>
 */
public record View(int id, String name, List<String> columns, List<String> types, String sql, List<Ref> refs) {

    /**
     * A relation the view's text names: {@code name} as written, the object's {@code id}, whether
     * it is a view; for tables the current names of the columns the view uses, and for renamed
     * columns their current name mapped to the name the text uses.
     */
    public record Ref(String name, int id, boolean view, List<String> used, Map<String, String> aliases) {
        public Ref {
            used = List.copyOf(used);
            aliases = Map.copyOf(aliases);
        }

        /** This reference after column {@code from} of its table was renamed to {@code to}. */
        Ref withColumnRenamed(String from, String to) {
            if (!used.contains(from)) {
                return this;
            }
            List<String> u = new ArrayList<>(used);
            u.replaceAll(c -> c.equals(from) ? to : c);
            Map<String, String> a = new LinkedHashMap<>(aliases);
            String written = a.containsKey(from) ? a.remove(from) : from;
            if (!written.equals(to)) {
                a.put(to, written);
            }
            return new Ref(name, id, view, u, a);
        }
    }

    public View {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        refs = List.copyOf(refs);
    }

    /** Whether this view names the table or view with id {@code objectId}. */
    public boolean uses(int objectId) {
        return refs.stream().anyMatch(r -> r.id() == objectId);
    }

    /** Whether this view uses column {@code column} of the table with id {@code tableId}. */
    public boolean usesColumn(int tableId, String column) {
        return refs.stream().anyMatch(r -> !r.view() && r.id() == tableId && r.used().contains(column));
    }

    /** The reference bound to the name {@code written} in the view's text, or null. */
    public Ref ref(String written) {
        for (Ref r : refs) {
            if (r.name().equals(written)) {
                return r;
            }
        }
        return null;
    }

    /** The name the view's text uses for column {@code current} of the table with id {@code tableId}. */
    public String writtenColumn(int tableId, String current) {
        for (Ref r : refs) {
            if (!r.view() && r.id() == tableId && r.aliases().containsKey(current)) {
                return r.aliases().get(current);
            }
        }
        return current;
    }

    /** This view after column {@code from} of table {@code tableId} was renamed to {@code to}. */
    public View withColumnRenamed(int tableId, String from, String to) {
        List<Ref> r = refs.stream().map(x -> !x.view() && x.id() == tableId ? x.withColumnRenamed(from, to) : x).toList();
        return new View(id, name, columns, types, sql, r);
    }
}

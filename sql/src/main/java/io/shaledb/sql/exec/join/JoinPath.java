package io.shaledb.sql.exec.join;

import io.shaledb.sql.plan.Cost;
import java.util.BitSet;
import java.util.List;

/**
 * One way to produce the rows of a set of relations: a base relation read its own way, or two
 * paths joined by a {@link Method}. {@code clauses} are the indexes of the join clauses
 * ({@link JoinSearch.Clause}) first applicable at this join (both sides of each are in it, neither
 * side alone holds it).
 */
public sealed interface JoinPath {

    /** How two inputs are joined. */
    enum Method {
        /** Hash the inner input on the key equalities, probe with each outer row. */
        HASH,
        /** Every outer row against every (materialized) inner row, checking all clauses. */
        NEST_LOOP,
        /** Per outer row, the inner base relation scanned again by an index on its outer row's values. */
        INDEX_NEST_LOOP,
        /** Both inputs sorted on the key equalities, walked side by side. */
        MERGE
    }

    /** The relations (indexes into the search's inputs) this path joins. */
    BitSet rels();

    /** Its estimated cost and rows. */
    Cost cost();

    record Base(int rel, BitSet rels, Cost cost) implements JoinPath {}

    record Join(Method method, JoinPath outer, JoinPath inner, List<Integer> clauses, BitSet rels, Cost cost)
            implements JoinPath {}
}

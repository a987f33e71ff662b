package io.shaledb.sql.exec;

import io.shaledb.sql.exec.explain.PlanNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * EXPLAIN names of relations scanned again in a later member of a set operation: PostgreSQL gives
 * every relation reference of a query a distinct name, so the second scan of {@code t} prints as
 * {@code Seq Scan on t t_1}, the third as {@code t t_2}:
 *
 * <pre>
 *   HashAggregate
 *     ->  Append
 *           ->  Seq Scan on t          (first member: t)
 *           ->  Seq Scan on t t_1      (second member: t is taken)
 * </pre>
 *
 * Only a member that scans a single relation is renamed: its scan conditions print unqualified,
 * and the nodes above the set operation name the first member's columns, so nothing else refers
 * to the new name. (A member that joins several relations keeps its names.)
 */
final class SetOpAliases {
    private SetOpAliases() {}

    /** Renames the scan of {@code later} when {@code earlier} already uses its name (see the class comment). */
    static void renameRepeated(PlanNode earlier, PlanNode later) {
        List<PlanNode> scans = new ArrayList<>();
        collectScans(later, scans);
        if (scans.size() != 1 || scans.getFirst().alias() == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        List<PlanNode> before = new ArrayList<>();
        collectScans(earlier, before);
        for (PlanNode n : before) {
            if (n.alias() != null) {
                used.add(n.alias());
            }
        }
        PlanNode scan = scans.getFirst();
        String alias = scan.alias();
        if (!used.contains(alias)) {
            return;
        }
        int n = 1;
        while (used.contains(alias + "_" + n)) {
            n++;
        }
        scan.alias(alias + "_" + n);
    }

    private static void collectScans(PlanNode node, List<PlanNode> out) {
        if (node.relationName() != null) {
            out.add(node);
        }
        for (PlanNode c : node.children()) {
            collectScans(c, out);
        }
    }
}

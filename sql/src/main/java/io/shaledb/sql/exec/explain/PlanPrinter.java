package io.shaledb.sql.exec.explain;

import io.shaledb.sql.plan.Cost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a described plan in PostgreSQL 15's layouts: TEXT (one line per result row, children
 * under {@code "->  "} arrows, property lines indented beneath their node) and JSON (one row).
 *
 * <pre>
 *   Hash Join  (cost=..)                 node line at indent p ("" for the root, else p spaces + "-&gt;  ")
 *     Hash Cond: (u.t_id = t.id)         properties at p + 6 (2 for the root)
 *     -&gt;  Seq Scan on u                  children's arrows at the parent's property indent
 *           Filter: (x &gt; '5'::double precision)
 *     -&gt;  Hash
 *           -&gt;  Seq Scan on t
 * </pre>
 */
public final class PlanPrinter {
    private final ExplainOptions options;
    private final PlanRecorder recorder;

    public PlanPrinter(ExplainOptions options, PlanRecorder recorder) {
        this.options = options;
        this.recorder = recorder;
    }

    // ------------------------------------------------------------------ text

    /** The plan's lines; {@code planningMs}/{@code executionMs} are printed as the summary (null: not). */
    public List<String> text(PlanNode root, Double planningMs, Double executionMs) {
        List<String> out = new ArrayList<>();
        text(root, -1, out);
        if (planningMs != null) {
            out.add(String.format(Locale.ROOT, "Planning Time: %.3f ms", planningMs));
        }
        if (executionMs != null) {
            out.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", executionMs));
        }
        return out;
    }

    private void text(PlanNode node, int arrow, List<String> out) {
        StringBuilder line = new StringBuilder();
        if (arrow >= 0) {
            line.append(" ".repeat(arrow)).append("->  ");
        }
        line.append(title(node));
        if (options.costs()) {
            Cost c = node.cost();
            line.append(String.format(Locale.ROOT, "  (cost=%.2f..%.2f rows=%.0f width=%d)", c.startup(), c.total(), c.rows(),
                    c.width()));
        }
        if (options.analyze()) {
            line.append(actualText(node.instrumentation()));
        }
        out.add(line.toString());
        String pad = " ".repeat(arrow < 0 ? 2 : arrow + 6);
        if (options.verbose() && node.output() != null) {
            out.add(pad + "Output: " + String.join(", ", node.output().get()));
        }
        for (Detail d : node.details()) {
            if (d.analyzeOnly() && (!options.analyze() || node.instrumentation() == null || node.instrumentation().loops() == 0)) {
                continue;
            }
            String t = detailText(d);
            if (t != null) {
                out.add(pad + t);
            }
        }
        Instrumentation instr = node.instrumentation();
        if (options.buffers() && options.analyze() && instr != null && (instr.bufferHits() > 0 || instr.bufferReads() > 0)) {
            StringBuilder b = new StringBuilder("Buffers: shared");
            if (instr.bufferHits() > 0) {
                b.append(" hit=").append(instr.bufferHits());
            }
            if (instr.bufferReads() > 0) {
                b.append(" read=").append(instr.bufferReads());
            }
            out.add(pad + b);
        }
        List<PlanNode> subplans = new ArrayList<>(node.initPlans());
        List<PlanNode> found = recorder.takeSubplans();
        List<PlanNode> initFound = found.stream().filter(p -> "InitPlan".equals(p.parentRelationship())).toList();
        subplans.addAll(initFound);
        for (PlanNode p : subplans) {
            out.add(pad + p.subplanName());
            text(p, pad.length() + 2, out);
        }
        for (PlanNode c : node.children()) {
            text(c, pad.length(), out);
        }
        for (PlanNode p : found) {
            if (!initFound.contains(p)) {
                out.add(pad + p.subplanName());
                text(p, pad.length() + 2, out);
            }
        }
    }

    private String actualText(Instrumentation instr) {
        if (instr == null || instr.loops() == 0) {
            return " (never executed)";
        }
        double rows = (double) instr.rows() / instr.loops();
        if (instr.timing()) {
            return String.format(Locale.ROOT, " (actual time=%.3f..%.3f rows=%.0f loops=%d)", instr.startupMillis(),
                    instr.totalMillis(), rows, instr.loops());
        }
        return String.format(Locale.ROOT, " (actual rows=%.0f loops=%d)", rows, instr.loops());
    }

    private static String detailText(Detail d) {
        return switch (d) {
            case Detail.Text t -> {
                String v = t.value().get();
                yield v == null ? null : t.label() + ": " + v;
            }
            case Detail.Expressions e -> {
                List<String> items = e.items().get();
                if (items.isEmpty()) {
                    yield null;
                }
                String v = e.list() ? String.join(", ", items)
                        : items.size() == 1 ? items.getFirst() : "(" + String.join(" AND ", items) + ")";
                yield e.label() + ": " + v;
            }
            case Detail.Counter c -> {
                long v = c.value().getAsLong();
                yield v != 0 || c.always() ? c.label() + ": " + v : null;
            }
            case Detail.SortMethod s -> s.report().sortMethod() == null ? null
                    : "Sort Method: " + s.report().sortMethod() + "  " + s.report().spaceType() + ": " + s.report().spaceUsedKb() + "kB";
            case Detail.HashTable h -> "Buckets: " + h.report().hashBuckets() + "  Batches: " + h.report().hashBatches()
                    + "  Memory Usage: " + h.report().hashMemoryKb() + "kB";
        };
    }

    /** The node's first words: {@code Seq Scan on t a}, {@code Index Scan using t_pkey on t}, {@code Hash Left Join}. */
    String title(PlanNode n) {
        StringBuilder sb = new StringBuilder(n.textName());
        if (n.nodeType().equals("Bitmap Index Scan")) {
            return sb.append(" on ").append(ident(n.indexName())).toString();
        }
        if (n.indexName() != null) {
            sb.append(" using ").append(ident(n.indexName()));
        }
        String target = n.relationName() != null ? n.relationName() : n.functionName() != null ? n.functionName() : n.cteName();
        if (target != null) {
            sb.append(" on ");
            if (options.verbose() && n.schema() != null && n.relationName() != null) {
                sb.append(ident(n.schema())).append('.');
            }
            sb.append(ident(target));
            if (n.alias() != null && !n.alias().equals(target)) {
                sb.append(' ').append(ident(n.alias()));
            }
        } else if (n.alias() != null) {
            sb.append(" on ").append(ident(n.alias()));
        }
        return sb.toString();
    }

    /** PostgreSQL's quote_identifier, without the keyword check. */
    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    // ------------------------------------------------------------------ JSON

    /** The plan as PostgreSQL's FORMAT JSON document (one result row). */
    public String json(PlanNode root, Double planningMs, Double executionMs) {
        Json j = new Json();
        j.raw("[");
        j.indent++;
        j.open(null, '{');
        j.open("Plan", '{');
        jsonNode(root, j);
        j.close('}');
        if (options.buffers() && !options.analyze()) {
            j.open("Planning", '{');
            buffersJson(j, 0, 0);
            j.close('}');
        }
        if (planningMs != null) {
            j.number("Planning Time", String.format(Locale.ROOT, "%.3f", planningMs));
        }
        if (executionMs != null) {
            j.open("Triggers", '[');
            j.close(']');
            j.number("Execution Time", String.format(Locale.ROOT, "%.3f", executionMs));
        }
        j.close('}');
        j.indent--;
        j.newline();
        j.raw("]");
        return j.sb.toString();
    }

    private void jsonNode(PlanNode n, Json j) {
        j.string("Node Type", n.nodeType());
        if (n.strategy() != null) {
            j.string("Strategy", n.strategy());
        }
        if (n.partialMode() != null) {
            j.string("Partial Mode", n.partialMode());
        }
        if (n.operation() != null) {
            j.string("Operation", n.operation());
        }
        if (n.parentRelationship() != null) {
            j.string("Parent Relationship", n.parentRelationship());
        }
        if (n.subplanName() != null) {
            j.string("Subplan Name", n.subplanName());
        }
        j.number("Parallel Aware", "false");
        j.number("Async Capable", "false");
        if (n.indexName() != null) {
            if (!n.nodeType().startsWith("Bitmap")) {
                j.string("Scan Direction", "Forward");
            }
            j.string("Index Name", n.indexName());
        }
        if (n.relationName() != null) {
            j.string("Relation Name", n.relationName());
            if (options.verbose() && n.schema() != null) {
                j.string("Schema", n.schema());
            }
        }
        if (n.functionName() != null) {
            j.string("Function Name", n.functionName());
        }
        if (n.cteName() != null) {
            j.string("CTE Name", n.cteName());
        }
        if (n.alias() != null || n.relationName() != null) {
            j.string("Alias", n.alias() != null ? n.alias() : n.relationName());
        }
        if (n.joinType() != null) {
            j.string("Join Type", n.joinType());
            j.number("Inner Unique", Boolean.toString(n.innerUnique()));
        }
        if (n.command() != null) {
            j.string("Command", n.command());
        }
        if (options.costs()) {
            Cost c = n.cost();
            j.number("Startup Cost", String.format(Locale.ROOT, "%.2f", c.startup()));
            j.number("Total Cost", String.format(Locale.ROOT, "%.2f", c.total()));
            j.number("Plan Rows", String.format(Locale.ROOT, "%.0f", c.rows()));
            j.number("Plan Width", Integer.toString(c.width()));
        }
        Instrumentation instr = n.instrumentation();
        if (options.analyze()) {
            long loops = instr == null ? 0 : instr.loops();
            if (options.timing()) {
                j.number("Actual Startup Time", String.format(Locale.ROOT, "%.3f", loops == 0 ? 0.0 : instr.startupMillis()));
                j.number("Actual Total Time", String.format(Locale.ROOT, "%.3f", loops == 0 ? 0.0 : instr.totalMillis()));
            }
            j.number("Actual Rows", String.format(Locale.ROOT, "%.0f", loops == 0 ? 0.0 : (double) instr.rows() / loops));
            j.number("Actual Loops", Long.toString(loops));
        }
        if (options.verbose() && n.output() != null) {
            j.list("Output", n.output().get());
        }
        for (Detail d : n.details()) {
            if (d.analyzeOnly() && (!options.analyze() || instr == null || instr.loops() == 0)) {
                continue;
            }
            detailJson(d, j);
        }
        if (options.buffers()) {
            buffersJson(j, instr == null ? 0 : instr.bufferHits(), instr == null ? 0 : instr.bufferReads());
        }
        List<PlanNode> found = recorder.takeSubplans();
        List<PlanNode> plans = new ArrayList<>(n.initPlans());
        found.stream().filter(p -> "InitPlan".equals(p.parentRelationship())).forEach(plans::add);
        plans.addAll(n.children());
        found.stream().filter(p -> !"InitPlan".equals(p.parentRelationship())).forEach(plans::add);
        if (!plans.isEmpty()) {
            j.open("Plans", '[');
            for (PlanNode c : plans) {
                j.open(null, '{');
                jsonNode(c, j);
                j.close('}');
            }
            j.close(']');
        }
    }

    private static void buffersJson(Json j, long hits, long reads) {
        j.number("Shared Hit Blocks", Long.toString(hits));
        j.number("Shared Read Blocks", Long.toString(reads));
        for (String k : List.of("Shared Dirtied Blocks", "Shared Written Blocks", "Local Hit Blocks", "Local Read Blocks",
                "Local Dirtied Blocks", "Local Written Blocks", "Temp Read Blocks", "Temp Written Blocks")) {
            j.number(k, "0");
        }
    }

    private static void detailJson(Detail d, Json j) {
        switch (d) {
            case Detail.Text t -> {
                String v = t.value().get();
                if (v != null) {
                    j.string(t.label(), v);
                }
            }
            case Detail.Expressions e -> {
                List<String> items = e.items().get();
                if (e.list()) {
                    j.list(e.label(), items);
                } else if (!items.isEmpty()) {
                    j.string(e.label(), items.size() == 1 ? items.getFirst() : "(" + String.join(" AND ", items) + ")");
                }
            }
            case Detail.Counter c -> j.number(c.label(), Long.toString(c.value().getAsLong()));
            case Detail.SortMethod s -> {
                if (s.report().sortMethod() != null) {
                    j.string("Sort Method", s.report().sortMethod());
                    j.number("Sort Space Used", Long.toString(s.report().spaceUsedKb()));
                    j.string("Sort Space Type", s.report().spaceType());
                }
            }
            case Detail.HashTable h -> {
                j.number("Hash Buckets", Long.toString(h.report().hashBuckets()));
                j.number("Original Hash Buckets", Long.toString(h.report().hashBuckets()));
                j.number("Hash Batches", Long.toString(h.report().hashBatches()));
                j.number("Original Hash Batches", Long.toString(h.report().hashBatches()));
                j.number("Peak Memory Usage", Long.toString(h.report().hashMemoryKb()));
            }
        }
    }

    /** PostgreSQL's JSON layout: two-space indentation, one member per line, string lists inline. */
    private static final class Json {
        final StringBuilder sb = new StringBuilder();
        int indent;
        /** Whether the current container already has a member (a comma is due before the next). */
        private final java.util.ArrayDeque<boolean[]> first = new java.util.ArrayDeque<>();

        void raw(String s) {
            sb.append(s);
        }

        void newline() {
            sb.append('\n').append("  ".repeat(indent));
        }

        private void member(String key) {
            if (!first.isEmpty()) {
                if (first.peek()[0]) {
                    first.peek()[0] = false;
                } else {
                    sb.append(',');
                }
            }
            newline();
            if (key != null) {
                sb.append(quote(key)).append(": ");
            }
        }

        void open(String key, char bracket) {
            member(key);
            sb.append(bracket);
            indent++;
            first.push(new boolean[] {true});
        }

        void close(char bracket) {
            first.pop();
            indent--;
            newline();
            sb.append(bracket);
        }

        void string(String key, String value) {
            member(key);
            sb.append(quote(value));
        }

        void number(String key, String value) {
            member(key);
            sb.append(value);
        }

        void list(String key, List<String> values) {
            member(key);
            sb.append('[');
            for (int i = 0; i < values.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(quote(values.get(i)));
            }
            sb.append(']');
        }

        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }
}

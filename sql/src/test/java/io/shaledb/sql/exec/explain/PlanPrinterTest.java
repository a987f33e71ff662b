package io.shaledb.sql.exec.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.exec.op.HashReport;
import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.plan.Cost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printer's layouts, on hand-built plans (including node kinds the planners do not produce yet). */
class PlanPrinterTest {

    private static PlanNode bitmapPlan() {
        PlanNode heap = PlanNode.scan("Bitmap Heap Scan", "t", "public", "t");
        heap.detail(new Detail.Expressions("Recheck Cond", () -> List.of("(id > 5)"), false, true));
        heap.cost(() -> new Cost(4.2, 12.34, 99, 36));
        PlanNode index = new PlanNode("Bitmap Index Scan").indexName("t_pkey");
        index.detail(new Detail.Expressions("Index Cond", () -> List.of("(id > 5)"), false, true));
        index.cost(() -> new Cost(0, 4.17, 99, 0));
        heap.child(index, "Outer");
        return heap;
    }

    @Test
    void textIndentsChildrenUnderArrowsAndPropertiesBeneathTheirNode() {
        ExplainOptions o = new ExplainOptions(false, false, true, false, false, false, false);
        List<String> lines = new PlanPrinter(o, new PlanRecorder(o)).text(bitmapPlan(), null, null);
        assertThat(lines).containsExactly(
                "Bitmap Heap Scan on t  (cost=4.20..12.34 rows=99 width=36)",
                "  Recheck Cond: (id > 5)",
                "  ->  Bitmap Index Scan on t_pkey  (cost=0.00..4.17 rows=99 width=0)",
                "        Index Cond: (id > 5)");
    }

    @Test
    void indexOnlyScanWithHeapFetchesUnderAnalyze() {
        ExplainOptions o = new ExplainOptions(true, false, false, false, false, false, false);
        PlanRecorder rec = new PlanRecorder(o);
        PlanNode scan = PlanNode.scan("Index Only Scan", "t", "public", "a").indexName("t_name_idx");
        scan.detail(new Detail.Expressions("Index Cond", () -> List.of("(name = 'x'::text)"), false, true));
        scan.detail(new Detail.Counter("Heap Fetches", () -> 0, true));
        Operator op = rec.describe(new Operator() {
            private int n;

            @Override
            public void open() {
                n = 0;
            }

            @Override
            public Object[] next() {
                return n++ < 3 ? new Object[0] : null;
            }

            @Override
            public void close() {}
        }, scan);
        op.open();
        while (op.next() != null) {
            // counting
        }
        op.close();
        assertThat(new PlanPrinter(o, rec).text(scan, null, null)).containsExactly(
                "Index Only Scan using t_name_idx on t a (actual rows=3 loops=1)",
                "  Index Cond: (name = 'x'::text)",
                "  Heap Fetches: 0");
    }

    @Test
    void hashDetailsAndSubplanLabels() {
        ExplainOptions o = new ExplainOptions(true, false, false, false, false, true, false);
        PlanNode hash = new PlanNode("Hash");
        hash.instrumentation(Instrumentation.counted(10, 1, false, 0));
        hash.detail(new Detail.HashTable(new HashReport() {
            @Override
            public long hashBuckets() {
                return 1024;
            }

            @Override
            public long hashBatches() {
                return 1;
            }

            @Override
            public long hashMemoryKb() {
                return 9;
            }
        }));
        PlanNode cte = new PlanNode("Seq Scan").relation("u", "public", "u");
        cte.instrumentation(Instrumentation.counted(0, 0, false, 0));
        hash.initPlan(cte.subplan("CTE c"));
        List<String> lines = new PlanPrinter(o, new PlanRecorder(o)).text(hash, 0.1234, 2.0);
        assertThat(lines).containsExactly(
                "Hash (actual rows=10 loops=1)",
                "  Buckets: 1024  Batches: 1  Memory Usage: 9kB",
                "  CTE c",
                "    ->  Seq Scan on u (never executed)",
                "Planning Time: 0.123 ms",
                "Execution Time: 2.000 ms");
    }

    @Test
    void jsonNestsPlansWithParentRelationships() {
        ExplainOptions o = new ExplainOptions(false, false, true, false, false, false, true);
        String json = new PlanPrinter(o, new PlanRecorder(o)).json(bitmapPlan(), null, null);
        assertThat(json).isEqualTo(String.join("\n",
                "[",
                "  {",
                "    \"Plan\": {",
                "      \"Node Type\": \"Bitmap Heap Scan\",",
                "      \"Parallel Aware\": false,",
                "      \"Async Capable\": false,",
                "      \"Relation Name\": \"t\",",
                "      \"Alias\": \"t\",",
                "      \"Startup Cost\": 4.20,",
                "      \"Total Cost\": 12.34,",
                "      \"Plan Rows\": 99,",
                "      \"Plan Width\": 36,",
                "      \"Recheck Cond\": \"(id > 5)\",",
                "      \"Plans\": [",
                "        {",
                "          \"Node Type\": \"Bitmap Index Scan\",",
                "          \"Parent Relationship\": \"Outer\",",
                "          \"Parallel Aware\": false,",
                "          \"Async Capable\": false,",
                "          \"Index Name\": \"t_pkey\",",
                "          \"Startup Cost\": 0.00,",
                "          \"Total Cost\": 4.17,",
                "          \"Plan Rows\": 99,",
                "          \"Plan Width\": 0,",
                "          \"Index Cond\": \"(id > 5)\"",
                "        }",
                "      ]",
                "    }",
                "  }",
                "]"));
    }
}

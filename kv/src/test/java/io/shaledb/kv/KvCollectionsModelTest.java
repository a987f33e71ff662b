package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static io.shaledb.kv.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.bytes.Bytes;
import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.txn.TransactionManager;
import io.shaledb.txn.TxnOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The list, set and sorted-set encodings against simple in-memory models: random operation
 * sequences on {@link KvLists} (an ArrayList), {@link KvSets} (a TreeSet) and the sorted-set
 * classes (a member -> score map), whole contents compared after every step; plus the metadata
 * and index-field encodings' properties.
 */
class KvCollectionsModelTest {
    private interface Body {
        void run(KvDatabase db, Random r);
    }

    private static void withStore(long seed, Body body) {
        MemoryEngine engine = new MemoryEngine();
        TransactionManager txns = TransactionManager.open(engine, TxnOptions.defaults().withAutovacuumNaptime(Duration.ZERO), t -> "row");
        KvStore store = new KvStore(txns, engine, Durability.ALWAYS, System::currentTimeMillis, Duration.ZERO);
        try {
            Random r = new Random(seed);
            body.run(store.database(r.nextInt(16)), r);
        } finally {
            store.close();
            txns.close();
            engine.close();
        }
    }

    @Test
    void listMetadataKeepsItsHeadAndIndexFieldsSortLikeIndexes() {
        KvMeta m = new KvMeta(KvType.LIST, 77, 9, 3, null, -5);
        assertThat(KvMeta.decode(m.encode())).isEqualTo(m);
        assertThat(m.encode()).hasSize(34);
        KvMeta set = new KvMeta(KvType.SET, 0, 9, 3, null);
        assertThat(KvMeta.decode(set.encode())).isEqualTo(set);
        long[] indexes = {Long.MIN_VALUE, -2, -1, 0, 1, 2, Long.MAX_VALUE};
        for (int i = 1; i < indexes.length; i++) {
            byte[] lo = KvKeys.sub(0, b("k"), 1, KvLists.indexField(indexes[i - 1]));
            byte[] hi = KvKeys.sub(0, b("k"), 1, KvLists.indexField(indexes[i]));
            assertThat(Bytes.UNSIGNED_ORDER.compare(lo, hi)).as("%d < %d", indexes[i - 1], indexes[i]).isNegative();
        }
    }

    @Property(tries = 20)
    void listsAgreeWithAnArrayList(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        withStore(seed, (db, r) -> {
            KvLists lists = db.lists();
            List<String> model = new ArrayList<>();
            String[] values = {"a", "b", "c", "d\u0000"};
            for (int step = 0; step < 120; step++) {
                String v = values[r.nextInt(values.length)];
                int op = r.nextInt(10);
                long i = r.nextInt(9) - 4;
                long j = r.nextInt(9) - 4;
                switch (op) {
                    case 0, 1 -> {
                        boolean left = r.nextBoolean();
                        assertThat(lists.push(b("l"), List.of(b(v)), left, false)).isEqualTo(model.size() + 1);
                        model.add(left ? 0 : model.size(), v);
                    }
                    case 2 -> {
                        boolean left = r.nextBoolean();
                        int n = 1 + r.nextInt(3);
                        List<String> want = new ArrayList<>();
                        for (int k = 0; k < n && !model.isEmpty(); k++) {
                            want.add(model.remove(left ? 0 : model.size() - 1));
                        }
                        List<String> got = strings(lists.pop(b("l"), left, n));
                        assertThat(got).isEqualTo(want.isEmpty() && got == null ? null : want);
                    }
                    case 3 -> {
                        int at = model.indexOf(v);
                        boolean before = r.nextBoolean();
                        long reply = lists.insert(b("l"), before, b(v), b("ins"));
                        if (model.isEmpty()) {
                            assertThat(reply).isZero();
                        } else if (at < 0) {
                            assertThat(reply).isEqualTo(-1);
                        } else {
                            model.add(before ? at : at + 1, "ins");
                            assertThat(reply).isEqualTo(model.size());
                        }
                    }
                    case 4 -> {
                        long count = r.nextInt(5) - 2;
                        long removed = lists.remove(b("l"), count, b(v));
                        List<Integer> hits = new ArrayList<>();
                        for (int k = 0; k < model.size() && (count == 0 || hits.size() < Math.abs(count)); k++) {
                            int idx = count < 0 ? model.size() - 1 - k : k;
                            if (model.get(idx).equals(v)) {
                                hits.add(idx);
                            }
                        }
                        hits.sort(Comparator.reverseOrder());
                        hits.forEach(idx -> model.remove((int) idx));
                        long want = hits.size();
                        assertThat(removed).isEqualTo(want);
                    }
                    case 5 -> {
                        lists.trim(b("l"), i, j);
                        List<String> kept = slice(model, i, j);
                        model.clear();
                        model.addAll(kept);
                    }
                    case 6 -> {
                        long idx = i < 0 ? model.size() + i : i;
                        if (idx >= 0 && idx < model.size()) {
                            lists.set(b("l"), i, b(v));
                            model.set((int) idx, v);
                        }
                    }
                    case 7 -> {
                        long idx = i < 0 ? model.size() + i : i;
                        String want = idx >= 0 && idx < model.size() ? model.get((int) idx) : null;
                        byte[] got = lists.index(b("l"), i);
                        assertThat(got == null ? null : new String(got, StandardCharsets.UTF_8)).isEqualTo(want);
                    }
                    case 8 -> {
                        List<Long> want = new ArrayList<>();
                        for (int k = 0; k < model.size(); k++) {
                            if (model.get(k).equals(v)) {
                                want.add((long) k);
                            }
                        }
                        assertThat(lists.positions(b("l"), b(v), new KvLists.PosOptions(1, 0L, 0))).isEqualTo(want);
                    }
                    default -> assertThat(strings(lists.range(b("l"), i, j))).isEqualTo(slice(model, i, j));
                }
                assertThat(strings(lists.range(b("l"), 0, -1))).as("step %d op %d", step, op).isEqualTo(model);
                assertThat(lists.length(b("l"))).isEqualTo(model.size());
                assertThat(db.type(b("l"))).isEqualTo(model.isEmpty() ? null : KvType.LIST);
            }
        });
    }

    private static List<String> slice(List<String> model, long start, long stop) {
        long len = model.size();
        long from = start < 0 ? Math.max(0, len + start) : start;
        long to = stop < 0 ? len + stop : Math.min(stop, len - 1);
        if (from > to || from >= len) {
            return new ArrayList<>();
        }
        return new ArrayList<>(model.subList((int) from, (int) to + 1));
    }

    @Property(tries = 20)
    void setsAgreeWithATreeSet(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        withStore(seed, (db, r) -> {
            KvSets sets = db.sets();
            TreeSet<String> s1 = new TreeSet<>();
            TreeSet<String> s2 = new TreeSet<>();
            for (int step = 0; step < 120; step++) {
                String m = "m" + r.nextInt(8);
                boolean first = r.nextBoolean();
                TreeSet<String> model = first ? s1 : s2;
                byte[] key = b(first ? "s1" : "s2");
                switch (r.nextInt(6)) {
                    case 0, 1 -> assertThat(sets.add(key, List.of(b(m)))).isEqualTo(model.add(m) ? 1 : 0);
                    case 2 -> assertThat(sets.remove(key, List.of(b(m)))).isEqualTo(model.remove(m) ? 1 : 0);
                    case 3 -> {
                        TreeSet<String> other = first ? s2 : s1;
                        boolean had = model.contains(m);
                        assertThat(sets.move(key, b(first ? "s2" : "s1"), b(m))).isEqualTo(had);
                        if (had) {
                            model.remove(m);
                            other.add(m);
                        }
                    }
                    case 4 -> {
                        TreeSet<String> inter = new TreeSet<>(s1);
                        inter.retainAll(s2);
                        assertThat(strings(sets.combine(KvSets.Op.INTER, List.of(b("s1"), b("s2"))))).containsExactlyElementsOf(inter);
                        TreeSet<String> diff = new TreeSet<>(s1);
                        diff.removeAll(s2);
                        assertThat(strings(sets.combine(KvSets.Op.DIFF, List.of(b("s1"), b("s2"))))).containsExactlyElementsOf(diff);
                    }
                    default -> {
                        List<String> popped = strings(sets.pop(key, 2));
                        if (popped != null) {
                            popped.forEach(model::remove);
                            assertThat(popped).hasSizeLessThanOrEqualTo(2);
                        }
                    }
                }
                assertThat(strings(sets.members(b("s1")))).containsExactlyElementsOf(s1);
                assertThat(strings(sets.members(b("s2")))).containsExactlyElementsOf(s2);
                assertThat(sets.card(b("s1"))).isEqualTo(s1.size());
            }
        });
    }

    @Property(tries = 20)
    void sortedSetRangesAgreeWithAMap(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        withStore(seed, (db, r) -> {
            TreeMap<String, Double> model = new TreeMap<>();
            double[] scores = {-1, 0, 1, 1, 2.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            KvSortedSetRanges ranges = db.sortedSetRanges();
            for (int step = 0; step < 100; step++) {
                String m = "m" + r.nextInt(8);
                double score = scores[r.nextInt(scores.length)];
                switch (r.nextInt(5)) {
                    case 0, 1 -> {
                        db.sortedSets().add(b("z"), List.of(score), List.of(b(m)), new KvSortedSets.AddOptions(false, false, false, false, false, false));
                        model.put(m, score);
                    }
                    case 2 -> {
                        double lo = scores[r.nextInt(scores.length)];
                        double hi = scores[r.nextInt(scores.length)];
                        boolean loEx = r.nextBoolean();
                        boolean hiEx = r.nextBoolean();
                        long removed = ranges.removeRange(b("z"), new KvSortedSetRanges.ByScore(
                                new KvSortedSetRanges.ScoreBound(lo, loEx), new KvSortedSetRanges.ScoreBound(hi, hiEx)));
                        long want = model.values().stream().filter(s -> (loEx ? s > lo : s >= lo) && (hiEx ? s < hi : s <= hi)).count();
                        model.values().removeIf(s -> (loEx ? s > lo : s >= lo) && (hiEx ? s < hi : s <= hi));
                        assertThat(removed).isEqualTo(want);
                    }
                    case 3 -> {
                        boolean max = r.nextBoolean();
                        KvSortedSetRanges.Popped p = ranges.pop(List.of(b("z")), max, 1);
                        List<String> order = ordered(model);
                        if (order.isEmpty()) {
                            assertThat(p).isNull();
                        } else {
                            String want = max ? order.getLast() : order.getFirst();
                            assertThat(new String(p.entries().getFirst().member(), StandardCharsets.UTF_8)).isEqualTo(want);
                            model.remove(want);
                        }
                    }
                    default -> {
                        List<String> order = ordered(model);
                        List<KvSortedSets.Entry> rev = ranges.range(b("z"), new KvSortedSetRanges.ByRank(0, -1),
                                new KvSortedSetRanges.Window(true, 1, 2));
                        List<String> want = new ArrayList<>(order.reversed()).subList(Math.min(1, order.size()), Math.min(3, order.size()));
                        assertThat(rev.stream().map(e -> new String(e.member(), StandardCharsets.UTF_8)).toList()).isEqualTo(want);
                    }
                }
                List<KvSortedSets.Entry> all = ranges.range(b("z"), new KvSortedSetRanges.ByScore(
                        new KvSortedSetRanges.ScoreBound(Double.NEGATIVE_INFINITY, false),
                        new KvSortedSetRanges.ScoreBound(Double.POSITIVE_INFINITY, false)), KvSortedSetRanges.Window.ALL);
                assertThat(all.stream().map(e -> new String(e.member(), StandardCharsets.UTF_8)).toList()).isEqualTo(ordered(model));
                assertThat(db.sortedSets().card(b("z"))).isEqualTo(model.size());
            }
        });
    }

    private static List<String> ordered(TreeMap<String, Double> model) {
        return model.entrySet().stream()
                .sorted(Comparator.<java.util.Map.Entry<String, Double>>comparingDouble(java.util.Map.Entry::getValue)
                        .thenComparing(java.util.Map.Entry::getKey))
                .map(java.util.Map.Entry::getKey).toList();
    }
}

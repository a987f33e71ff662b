package io.shaledb.kv;

import static io.shaledb.kv.Utf8.b;
import static io.shaledb.kv.Utf8.s;
import static io.shaledb.kv.Utf8.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HRANDFIELD, SRANDMEMBER, SPOP and ZRANDMEMBER ({@link KvSampler}): the count rules, the
 * distribution (Redis's chi-square check on small collections, rank deciles on large ones), and
 * the cost — a small count on a large collection reads a few rows, not the collection.
 */
class KvSamplingTest {
    private final MemoryKv kv = new MemoryKv(Durability.NO, System::currentTimeMillis);
    private final KvStore store = kv.store;
    private final KvDatabase db = kv.db;

    @AfterEach
    void close() {
        kv.close();
    }

    /** Redis's chi_square_value (tests/support/util.tcl): sum of (observed - mean)^2 / mean over the distinct values seen. */
    private static double chiSquare(List<String> picks) {
        Map<String, Integer> counts = new HashMap<>();
        picks.forEach(p -> counts.merge(p, 1, Integer::sum));
        double mean = (double) (picks.size() / counts.size());
        return counts.values().stream().mapToDouble(c -> (c - mean) * (c - mean) / mean).sum();
    }

    private void fillSet(String key, int n, Function<Integer, String> member) {
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(b(member.apply(i)));
            if (batch.size() == 1000 || i == n - 1) {
                db.sets().add(b(key), batch);
                batch = new ArrayList<>();
            }
        }
    }

    private void fillHash(String key, int n) {
        List<byte[]> fields = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fields.add(b("field:" + i));
            values.add(b("value:" + i));
            if (fields.size() == 1000 || i == n - 1) {
                db.hashes().set(b(key), fields, values, false);
                fields = new ArrayList<>();
                values = new ArrayList<>();
            }
        }
    }

    private void fillZset(String key, int n) {
        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(b("m" + i));
            scores.add((double) i);
            if (members.size() == 1000 || i == n - 1) {
                db.sortedSets().add(b(key), scores, members, new KvSortedSets.AddOptions(false, false, false, false, false, false));
                members = new ArrayList<>();
                scores = new ArrayList<>();
            }
        }
    }

    @Test
    void countRules() {
        fillSet("s", 10, i -> "e" + i);
        Set<String> all = new TreeSet<>(strings(db.sets().members(b("s"))));
        assertThat(db.sets().random(b("s"), 0)).isEmpty();
        List<String> five = strings(db.sets().random(b("s"), 5));
        assertThat(five).hasSize(5).doesNotHaveDuplicates();
        assertThat(all).containsAll(five);
        assertThat(new TreeSet<>(strings(db.sets().random(b("s"), 10)))).isEqualTo(all);
        assertThat(new TreeSet<>(strings(db.sets().random(b("s"), 100)))).isEqualTo(all);
        List<String> repeated = strings(db.sets().random(b("s"), -50));
        assertThat(repeated).hasSize(50);
        assertThat(new HashSet<>(repeated).size()).isLessThan(50); // 50 picks of 10: repeats
        assertThat(all).containsAll(repeated);
        assertThat(db.sets().random(b("missing"), 5)).isEmpty();
        assertThat(db.sets().random(b("missing"), -5)).isEmpty();
        assertThat(db.hashes().random(b("missing"), -5)).isEmpty();
        assertThat(db.sortedSetRanges().random(b("missing"), 5)).isEmpty();
        assertThat(db.sets().pop(b("missing"), 3)).isNull();

        db.set(b("str"), b("v"), SetOptions.PLAIN);
        assertThatThrownBy(() -> db.sets().random(b("str"), 1)).isInstanceOf(KvException.class).hasMessageStartingWith("WRONGTYPE");
        assertThatThrownBy(() -> db.hashes().random(b("str"), -1)).isInstanceOf(KvException.class).hasMessageStartingWith("WRONGTYPE");
        assertThatThrownBy(() -> db.sortedSetRanges().random(b("str"), 3)).isInstanceOf(KvException.class).hasMessageStartingWith("WRONGTYPE");
        assertThatThrownBy(() -> db.sets().pop(b("str"), 1)).isInstanceOf(KvException.class).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void withValuesAndScoresComeFromTheSameRow() {
        fillHash("h", 300);
        for (byte[][] e : db.hashes().random(b("h"), -40)) {
            assertThat(s(e[1])).isEqualTo(s(e[0]).replace("field:", "value:"));
        }
        fillZset("z", 300);
        for (KvSortedSets.Entry e : db.sortedSetRanges().random(b("z"), 7)) {
            assertThat(e.score()).isEqualTo(Double.parseDouble(s(e.member()).substring(1)));
        }
    }

    @Test
    void spopCases() {
        // few: sampled and deleted; most: rebuilt under a new version; all: the key goes
        fillSet("s", 1000, i -> "e" + i);
        List<String> few = strings(db.sets().pop(b("s"), 10));
        assertThat(few).hasSize(10).doesNotHaveDuplicates();
        assertThat(db.sets().card(b("s"))).isEqualTo(990);
        assertThat(db.sets().contains(b("s"), few.stream().map(Utf8::b).toList())).containsOnly(false);
        List<String> most = strings(db.sets().pop(b("s"), 900));
        assertThat(most).hasSize(900).doesNotHaveDuplicates().doesNotContainAnyElementsOf(few);
        List<String> rest = strings(db.sets().members(b("s")));
        assertThat(rest).hasSize(90).doesNotContainAnyElementsOf(most);
        assertThat(db.sets().card(b("s"))).isEqualTo(90);
        assertThat(strings(db.sets().pop(b("s"), 1000))).containsExactlyInAnyOrderElementsOf(rest);
        assertThat(db.type(b("s"))).isNull();
    }

    @Test
    void smallCollectionsPassRedissChiSquareCheck() {
        fillSet("s", 10, i -> i % 2 == 0 ? "e" + i : Integer.toString(i));
        fillHash("h", 10);
        fillZset("z", 10);
        // Redis: "df = 9, 40 means 0.00001 probability"
        assertThat(chiSquare(strings(db.sets().random(b("s"), -1000)))).isLessThan(40);
        assertThat(chiSquare(db.hashes().random(b("h"), -1000).stream().map(e -> s(e[0])).toList())).isLessThan(40);
        assertThat(chiSquare(db.sortedSetRanges().random(b("z"), -1000).stream().map(e -> s(e.member())).toList())).isLessThan(40);
        for (int count : new int[] {2, 8}) {
            List<String> picks = new ArrayList<>();
            for (int i = 0; i < 1000 / count; i++) {
                picks.addAll(strings(db.sets().random(b("s"), count)));
            }
            assertThat(chiSquare(picks)).as("count %d", count).isLessThan(40);
        }
    }

    /**
     * A large set (seek sampling, not exact): for random members the picks fall into the ten rank
     * deciles about evenly (within ±50% of a tenth); for sequential ones ("member:0" ...,
     * whose key space is unevenly filled) every decile is still reached — the documented bias.
     */
    @Test
    void largeCollectionsAreSampledRoughlyUniformlyByRank() {
        Random r = new Random(7);
        fillSet("random", 4000, i -> Long.toHexString(r.nextLong()));
        fillSet("sequential", 4000, i -> "member:" + i);
        for (String key : List.of("random", "sequential")) {
            List<String> sorted = new ArrayList<>(new TreeSet<>(strings(db.sets().members(b(key)))));
            Map<String, Integer> rank = new HashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                rank.put(sorted.get(i), i);
            }
            int[] deciles = new int[10];
            int picks = 0;
            for (int round = 0; round < 200; round++) {
                for (String p : strings(db.sets().random(b(key), -50))) {
                    deciles[rank.get(p) * 10 / sorted.size()]++;
                    picks++;
                }
                for (String p : strings(db.sets().random(b(key), 20))) {
                    deciles[rank.get(p) * 10 / sorted.size()]++;
                    picks++;
                }
            }
            for (int d = 0; d < 10; d++) {
                double share = (double) deciles[d] / picks;
                String what = String.format("%s decile %d of %s", key, d, java.util.Arrays.toString(deciles));
                if (key.equals("random")) {
                    assertThat(share).as(what).isBetween(0.05, 0.15);
                } else {
                    assertThat(share).as(what).isGreaterThan(0.003);
                }
            }
        }
    }

    @Test
    void smallCountsOnAHugeCollectionReadAFewRowsNotTheCollection() {
        int n = 50_000;
        fillSet("big", n, i -> "member:" + i);
        fillHash("bigh", n);
        fillZset("bigz", n);
        long before = store.sampledRows();
        assertThat(db.sets().random(b("big"), 10)).hasSize(10);
        assertThat(db.sets().random(b("big"), -10)).hasSize(10);
        assertThat(db.sets().random(b("big"), 1)).hasSize(1);
        assertThat(db.hashes().random(b("bigh"), 10)).hasSize(10);
        assertThat(db.hashes().random(b("bigh"), -10)).hasSize(10);
        assertThat(db.sortedSetRanges().random(b("bigz"), 10)).hasSize(10);
        assertThat(db.sets().pop(b("big"), 5)).hasSize(5);
        long read = store.sampledRows() - before;
        // 7 commands, <= 10 picks each; a pick reads at most 2 rows per seek attempt and a window; 2 edge rows
        assertThat(read).isLessThan(7 * (10 * (2 * KvSampler.MAX_ATTEMPTS + KvSampler.WINDOW) + 2)).isLessThan(n / 5);
        assertThat(db.sets().card(b("big"))).isEqualTo(n - 5);

        long beforeAll = store.sampledRows();
        assertThat(db.sets().random(b("big"), n)).hasSize(n - 5); // count >= size: Redis reads it whole too
        assertThat(store.sampledRows() - beforeAll).isEqualTo(n - 5);
    }
}

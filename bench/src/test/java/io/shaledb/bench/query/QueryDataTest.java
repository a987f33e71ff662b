package io.shaledb.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryDataTest {

    private static final Instant ANCHOR = Instant.parse("2026-11-25T12:34:56.789Z");
    private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX");

    @TempDir
    Path tmp;

    @Test
    void theSameSeedAndAnchorGiveTheSameBytes() throws Exception {
        QueryData.Sizes sizes = new QueryData.Sizes(100, 1000, 20);
        List<QueryData.TableFile> a = new QueryData(sizes, ANCHOR, 5).write(tmp.resolve("a"));
        List<QueryData.TableFile> b = new QueryData(sizes, ANCHOR, 5).write(tmp.resolve("b"));
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(a.get(i).file())).isEqualTo(Files.readAllBytes(b.get(i).file()));
            assertThat(Files.readAllLines(a.get(i).file())).hasSize((int) a.get(i).rows());
        }
        assertThat(a).extracting(QueryData.TableFile::table).containsExactly("users", "products", "orders", "order_items");
    }

    @Test
    void ordersHaveTheSkewedStatusesAndNoneInTheGapAfterNowMinusADay() throws Exception {
        QueryData data = new QueryData(new QueryData.Sizes(500, 20_000, 50), ANCHOR, 1);
        Path orders = data.write(tmp).get(2).file();
        List<String[]> rows = Files.readAllLines(orders).stream().map(l -> l.split("\t")).toList();
        Map<String, Long> status = rows.stream().collect(Collectors.groupingBy(r -> r[2], Collectors.counting()));
        assertThat(status.keySet()).containsExactlyInAnyOrderElementsOf(QueryData.STATUSES);
        assertThat(status.get("delivered")).isBetween(13_000L, 15_000L);
        assertThat(status.get("cancelled")).isBetween(200L, 600L);
        Instant anchor = data.anchor();
        Instant gapStart = anchor.minus(Duration.ofHours(24));
        Instant gapEnd = gapStart.plus(QueryData.NOW_GAP);
        Function<String, Instant> ts = s -> OffsetDateTime.parse(s, PG).toInstant();
        assertThat(rows).allSatisfy(r -> {
            Instant t = ts.apply(r[4]);
            assertThat(t).isBefore(anchor).isAfter(anchor.minus(Duration.ofDays(QueryData.DAYS + 1)));
            assertThat(!t.isBefore(gapStart) && t.isBefore(gapEnd)).as("%s in the gap", t).isFalse();
        });
        assertThat(rows).anySatisfy(r -> assertThat(ts.apply(r[4])).isAfter(gapEnd));
    }

    @Test
    void usersHaveUniqueEmailsAndItemsDistinctProductsPerOrder() throws Exception {
        List<QueryData.TableFile> files = new QueryData(new QueryData.Sizes(300, 3000, 10), ANCHOR, 3).write(tmp);
        List<String> emails = Files.readAllLines(files.get(0).file()).stream().map(l -> l.split("\t")[1]).toList();
        assertThat(new HashSet<>(emails)).hasSize(300);
        Set<String> orderProduct = new HashSet<>();
        for (String line : Files.readAllLines(files.get(3).file())) {
            String[] f = line.split("\t");
            assertThat(orderProduct.add(f[1] + "/" + f[2])).as("duplicate product in order: %s", line).isTrue();
        }
    }
}

package io.shaledb.sql.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.Statement.CopyOption;
import io.shaledb.sql.ast.Statement.Ident;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CopyCodecTest {
    private static final boolean[] NONE = new boolean[0];

    private static CopyOptions options(CopyOption... options) {
        return CopyOptions.of(List.of(options), true);
    }

    private static CopyOption opt(String name, Object value) {
        return new CopyOption(name, value, 0);
    }

    private static List<String> parse(CopyOptions o, String record) {
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        return new CopyCodec(o).parse(b, 0, b.length, NONE, NONE);
    }

    private static String format(CopyOptions o, String... fields) {
        StringBuilder sb = new StringBuilder();
        new CopyCodec(o).format(sb, fields, new boolean[fields.length]);
        return sb.toString();
    }

    @Test
    void textEscapesAreUndone() {
        CopyOptions text = CopyOptions.text();
        assertThat(parse(text, "a\\tb\tc\\nd\t\\\\\t\\b\\f\\r\\v")).containsExactly("a\tb", "c\nd", "\\", "\b\f\r\u000B");
        assertThat(parse(text, "\\101\\x42\\x4a\\7\t\\q\\x")).containsExactly("ABJ\u0007", "qx");
        assertThat(parse(text, "\\303\\251t\\xc3\\xa9")).containsExactly("été");
        assertThat(parse(text, "a\\\tb")).containsExactly("a\tb"); // an escaped delimiter is data
    }

    @Test
    void textNullIsComparedWithTheFieldAsWritten() {
        CopyOptions text = CopyOptions.text();
        assertThat(parse(text, "\\N\t\\\\N\t")).containsExactly(null, "\\N", "");
        assertThat(parse(options(opt("null", "")), "\tx")).containsExactly(null, "x");
        assertThat(parse(options(opt("null", "-"), opt("delimiter", "|")), "-|\\-|a")).containsExactly(null, "-", "a");
    }

    @Test
    void textOutputEscapesWhatInputUndoes() {
        CopyOptions text = CopyOptions.text();
        assertThat(format(text, "a\tb", null, "back\\slash", "new\nline\r", "\b\f\u000B")).isEqualTo(
                "a\\tb\t\\N\tback\\\\slash\tnew\\nline\\r\t\\b\\f\\v\n");
        assertThat(format(options(opt("delimiter", ",")), "a,b", "c")).isEqualTo("a\\,b,c\n");
    }

    @Test
    void csvQuotingRules() {
        CopyOptions csv = options(opt("format", "csv"));
        assertThat(parse(csv, "1,\"a,b\",\"say \"\"hi\"\"\",,\"\",plain \"inner\" quote"))
                .containsExactly("1", "a,b", "say \"hi\"", null, "", "plain inner quote");
        assertThat(parse(csv, "\"multi\nline\",x")).containsExactly("multi\nline", "x");
        assertThat(format(csv, "1", "a,b", "say \"hi\"", null, "", "new\nline", "cr\r")).isEqualTo(
                "1,\"a,b\",\"say \"\"hi\"\"\",,\"\",\"new\nline\",\"cr\r\"\n");
        assertThat(format(csv, "\\.")).isEqualTo("\"\\.\"\n");  // alone on a line it would end the data
        assertThat(format(csv, "\\.", "x")).isEqualTo("\\.,x\n");
    }

    @Test
    void csvEscapeQuoteAndForcedColumns() {
        CopyOptions o = options(opt("format", "csv"), opt("quote", "'"), opt("escape", "\\"), opt("null", "NULL"));
        assertThat(parse(o, "'it\\'s','a\\\\b',NULL,'NULL'")).containsExactly("it's", "a\\b", null, "NULL");
        assertThat(format(o, "it's", "NULL", null)).isEqualTo("'it\\'s','NULL',NULL\n");

        CopyOptions csv = options(opt("format", "csv"), opt("force_not_null", List.of(new Ident("a", 0))),
                opt("force_null", List.of(new Ident("b", 0))));
        byte[] record = ",\"\",,\"\"".getBytes(StandardCharsets.UTF_8);
        List<String> fields = new CopyCodec(csv).parse(record, 0, record.length, new boolean[] {true, false},
                new boolean[] {false, true});
        assertThat(fields).containsExactly("", null, null, "");

        StringBuilder quoted = new StringBuilder();
        new CopyCodec(options(opt("format", "csv"))).format(quoted, new String[] {"a", "b", null}, new boolean[] {true, false, true});
        assertThat(quoted).hasToString("\"a\",b,\n");
    }

    @Test
    void brokenInputIsPostgresError() {
        assertThatThrownBy(() -> parse(options(opt("format", "csv")), "1,\"open"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.BAD_COPY_FILE_FORMAT);
                    assertThat(e.getMessage()).isEqualTo("unterminated CSV quoted field");
                });
        byte[] bad = {'a', (byte) 0xC3, '\t', 'b'};
        assertThatThrownBy(() -> new CopyCodec(CopyOptions.text()).parse(bad, 0, bad.length, NONE, NONE))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.CHARACTER_NOT_IN_REPERTOIRE);
                    assertThat(e.getMessage()).startsWith("invalid byte sequence for encoding \"UTF8\": 0xc3");
                });
    }

    @Test
    void randomRowsSurviveFormatThenParseInBothFormats() {
        Random random = new Random(42);
        String alphabet = "ab,;|\t\n\r\\\"'. NéЖ\u0001€";
        for (CopyOptions o : List.of(CopyOptions.text(), options(opt("format", "csv")),
                options(opt("format", "csv"), opt("delimiter", ";"), opt("quote", "'"), opt("escape", "\\")),
                options(opt("delimiter", "|"), opt("null", "")))) {
            CopyCodec codec = new CopyCodec(o);
            for (int i = 0; i < 2000; i++) {
                String[] row = new String[1 + random.nextInt(4)];
                for (int j = 0; j < row.length; j++) {
                    if (random.nextInt(6) == 0) {
                        continue; // NULL
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int k = random.nextInt(6); k > 0; k--) {
                        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    row[j] = sb.toString();
                }
                if (o.nullString().isEmpty() && !o.csv()) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = row[j] != null && row[j].isEmpty() ? null : row[j]; // '' and NULL are one here
                    }
                }
                StringBuilder line = new StringBuilder();
                codec.format(line, row, new boolean[row.length]);
                List<String> records = new ArrayList<>();
                CopyRecordReader reader = new CopyRecordReader(o);
                reader.feed(line.toString().getBytes(StandardCharsets.UTF_8),
                        (buf, off, len) -> records.add(new String(buf, off, len, StandardCharsets.ISO_8859_1)));
                assertThat(records).as("one record for %s", Arrays.toString(row)).hasSize(1);
                byte[] record = records.getFirst().getBytes(StandardCharsets.ISO_8859_1);
                assertThat(codec.parse(record, 0, record.length, NONE, NONE)).as("line %s", line).containsExactly(row);
            }
        }
    }
}

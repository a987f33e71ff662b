package io.shaledb.sql.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.ast.Statement.CopyOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyRecordReaderTest {

    private static List<String> records(CopyOptions o, String data, int chunkSize) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        CopyRecordReader reader = new CopyRecordReader(o);
        CopyRecordReader.RecordSink sink = (buf, off, len) -> out.add(new String(buf, off, len, StandardCharsets.UTF_8));
        for (int i = 0; i < bytes.length; i += chunkSize) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunkSize));
            reader.feed(chunk, sink);
        }
        assertThat(reader.finish(sink)).isTrue();
        return out;
    }

    private static CopyOptions csv() {
        return CopyOptions.of(List.of(new CopyOption("format", "csv", 0)), true);
    }

    @Test
    void recordsDoNotDependOnHowTheStreamIsCut() {
        String text = "1\tone\n2\ttwo\r\n3\tescaped\\\nnewline\n4\té\tlast-without-newline";
        List<String> expected = List.of("1\tone", "2\ttwo", "3\tescaped\\\nnewline", "4\té\tlast-without-newline");
        for (int chunk : new int[] {1, 2, 3, 7, 1000}) {
            assertThat(records(CopyOptions.text(), text, chunk)).as("chunks of %d", chunk).isEqualTo(expected);
        }
        String csv = "1,\"multi\nline, \"\"quoted\"\"\"\r\n2,plain\n";
        for (int chunk : new int[] {1, 4, 1000}) {
            assertThat(records(csv(), csv, chunk)).containsExactly("1,\"multi\nline, \"\"quoted\"\"\"", "2,plain");
        }
    }

    @Test
    void theEndMarkerEndsTheData() {
        assertThat(records(CopyOptions.text(), "1\n\\.\n2\n", 1)).containsExactly("1");
        assertThat(records(csv(), "1\n\"\\.\"\n\\.\n3\n", 3)).containsExactly("1", "\"\\.\"");
        assertThat(records(CopyOptions.text(), "\n\n", 5)).containsExactly("", "");
    }

    @Test
    void anOpenQuoteAtTheEndIsReported() {
        CopyRecordReader reader = new CopyRecordReader(csv());
        reader.feed("1,\"never closed\n2\n".getBytes(StandardCharsets.UTF_8), (b, o, l) -> { });
        assertThat(reader.finish((b, o, l) -> { })).isFalse();
    }
}

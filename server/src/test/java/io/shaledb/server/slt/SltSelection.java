package io.shaledb.server.slt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which files a run covers, from {@code -Dslt.files}: a comma-separated list of {@code slice}
 * (the default build's part, the default), {@code required} (issue 6's whole required set, what
 * the {@code slt} profile sets), file names ({@code select3.test}) and directory prefixes ending
 * in '/' ({@code index/view/}).
 */
final class SltSelection {
    static final String FILES_PROPERTY = "slt.files";
    static final String TIMEOUT_PROPERTY = "slt.timeout";
    static final String REPORT_DIR = "target/slt";

    private SltSelection() {}

    static List<String> files() {
        return resolve(System.getProperty(FILES_PROPERTY, "slice"));
    }

    static List<String> resolve(String spec) {
        List<String> out = new ArrayList<>();
        for (String s : Arrays.stream(spec.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList()) {
            List<String> files = switch (s) {
                case "slice" -> SltCorpus.slice();
                case "required" -> SltCorpus.required();
                default -> SltCorpus.select(List.of(s));
            };
            files.stream().filter(f -> !out.contains(f)).forEach(out::add);
        }
        return out;
    }

    static int queryTimeoutSeconds() {
        return Integer.getInteger(TIMEOUT_PROPERTY, SltSuite.DEFAULT_QUERY_TIMEOUT_SECONDS);
    }

    static Path reportDir() {
        return Path.of(REPORT_DIR);
    }
}

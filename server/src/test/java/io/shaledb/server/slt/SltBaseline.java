package io.shaledb.server.slt;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The checked-in floor of ShaleDB's sqllogictest results: for each file, how many records passed
 * when the baseline was last raised. A run that passes fewer records of a file is a regression and
 * fails the build; one that passes more is reported so the baseline can be raised with
 * {@code -Dslt.updateBaseline=true} (which rewrites the entries of the files that ran, and only
 * upwards unless {@code -Dslt.updateBaseline=force}).
 */
final class SltBaseline {
    static final Path FILE = Path.of("src/test/resources/slt-baseline.properties");
    static final String UPDATE_PROPERTY = "slt.updateBaseline";

    private final TreeMap<String, Integer> floors = new TreeMap<>(SltBaseline::compareNames);

    private SltBaseline() {}

    static SltBaseline load() throws IOException {
        SltBaseline b = new SltBaseline();
        if (Files.exists(FILE)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> b.floors.put(k, Integer.parseInt(p.getProperty(k).strip())));
        }
        return b;
    }

    /** The number of records of {@code file} that must pass; 0 when the file has no entry. */
    int floor(String file) {
        return floors.getOrDefault(file, 0);
    }

    static boolean updateRequested() {
        String v = System.getProperty(UPDATE_PROPERTY);
        return v != null && !v.equals("false");
    }

    /** Writes the measured counts of the files that ran into the baseline file. */
    synchronized void update(Map<String, Integer> measured) throws IOException {
        boolean force = "force".equals(System.getProperty(UPDATE_PROPERTY));
        measured.forEach((file, passed) -> {
            if (force || passed > floor(file)) {
                floors.put(file, passed);
            }
        });
        StringBuilder out = new StringBuilder();
        out.append("# ShaleDB's sqllogictest floor: records of each file that must pass (SltShaleDbTest).\n");
        out.append("# Raise with: ./mvnw -o verify -pl server -am -Pslt -Dtest=SltShaleDbTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dslt.updateBaseline=true\n");
        floors.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        Files.writeString(FILE, out.toString(), StandardCharsets.UTF_8);
    }

    private static int compareNames(String a, String b) {
        return a.compareTo(b);
    }
}

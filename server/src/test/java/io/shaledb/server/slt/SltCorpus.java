package io.shaledb.server.slt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The public SQLite sqllogictest corpus, as the test dependency {@code net.hydromatic:sql-logic-test}
 * ships it: resources named {@code test/<file>} (only its files are used, not its runner).
 *
 * <p>A file is named by its path under {@code test/}: {@code select1.test},
 * {@code index/between/10/slt_good_1.test}. Issue 6 requires {@link #REQUIRED} to pass; the
 * default build runs the {@link #slice()} of it, the {@code slt} profile all of it.
 */
final class SltCorpus {
    private static final String ROOT = "test/";

    /** The required set: these files and every file below these directories. */
    static final List<String> REQUIRED = List.of("select1.test", "select2.test", "select3.test", "select4.test",
            "select5.test", "index/between/", "index/commute/", "index/delete/", "index/in/", "index/orderby/",
            "index/orderby_nosort/", "index/view/");

    private SltCorpus() {}

    /** Every file of the corpus, sorted by name (numbers in names compare as numbers). */
    static List<String> all() {
        URL probe = SltCorpus.class.getClassLoader().getResource(ROOT + "select1.test");
        if (probe == null) {
            throw new IllegalStateException("the sqllogictest corpus is not on the class path: the test dependency"
                    + " net.hydromatic:sql-logic-test ships it as test/*.test resources");
        }
        TreeSet<String> names = new TreeSet<>(NATURAL);
        try {
            if (probe.getProtocol().equals("jar")) {
                JarURLConnection jar = (JarURLConnection) probe.openConnection();
                jar.setUseCaches(false);
                try (JarFile jf = jar.getJarFile()) {
                    for (JarEntry e : (Iterable<JarEntry>) jf.stream()::iterator) {
                        if (e.getName().startsWith(ROOT) && e.getName().endsWith(".test")) {
                            names.add(e.getName().substring(ROOT.length()));
                        }
                    }
                }
            } else {
                Path root = Path.of(probe.toURI()).getParent();
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".test"))
                            .forEach(p -> names.add(root.relativize(p).toString().replace('\\', '/')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sqllogictest corpus at " + probe, e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the sqllogictest corpus at " + probe, e);
        }
        return List.copyOf(names);
    }

    /** The files named by {@code selectors}: a file name, or a directory prefix ending in '/'. */
    static List<String> select(List<String> selectors) {
        List<String> all = all();
        List<String> out = new ArrayList<>();
        for (String selector : selectors) {
            List<String> matched = all.stream()
                    .filter(f -> selector.endsWith("/") ? f.startsWith(selector) : f.equals(selector)).toList();
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("no sqllogictest file matches '" + selector + "'");
            }
            matched.stream().filter(f -> !out.contains(f)).forEach(out::add);
        }
        return out;
    }

    /** The required set of issue 6. */
    static List<String> required() {
        return select(REQUIRED);
    }

    /**
     * The default build's fixed part of the required set: {@code select1.test} and the first file
     * of each required directory that has records ({@code index/between/1/slt_good_0.test}, ...), eight
     * files and about 70,000 records. Small enough for the default build (about half a minute per server),
     * wide enough to touch every statement shape the required set uses.
     */
    static List<String> slice() {
        List<String> out = new ArrayList<>();
        for (String selector : REQUIRED) {
            if (selector.equals("select1.test") || selector.endsWith("/")) {
                // index/view/10/slt_good_0.test is empty in the corpus: take the first file with records
                out.add(select(List.of(selector)).stream().filter(f -> !read(f).isBlank()).findFirst().orElseThrow());
            }
        }
        return out;
    }

    /** The text of one file. */
    static String read(String file) {
        try (InputStream in = SltCorpus.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no sqllogictest file '" + file + "'");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sqllogictest file " + file, e);
        }
    }

    /** Orders "slt_good_2" before "slt_good_10" and "index/x/10/" before "index/x/100/". */
    private static final Comparator<String> NATURAL = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = Long.compare(Long.parseLong(a.substring(si, i)), Long.parseLong(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };
}

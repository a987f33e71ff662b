package io.shaledb.server.fuzz;

import io.shaledb.testkit.client.PgRawClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates what a broken or hostile client sends: valid message streams, random ones, and valid
 * ones mutated (bytes flipped, length words that lie, cuts, splices). Everything comes from one
 * {@link Random}, so a seed replays a run.
 *
 * <pre>
 *   stream = [startup packet | garbage] + messages...
 *   message = valid(Query | Parse | Bind | Describe | Execute | Close | Sync | Flush | Copy* | F | p | X)
 *           | unknown type | random bytes
 *   then, sometimes, mutate(stream): flip / lie about a length / cut / duplicate / insert invalid UTF-8
 * </pre>
 */
final class MessageStreams {
    /** Statements the messages carry: valid, failing, slow-ish, COPY, transaction control, settings. */
    private static final String[] SQL = {
        "SELECT 1", "SELECT * FROM fuzz WHERE id = $1", "SELECT $1::int + $2::int", "INSERT INTO fuzz VALUES ($1, $2)",
        "UPDATE fuzz SET v = $2 WHERE id = $1", "DELETE FROM fuzz WHERE id = $1", "SELECT count(*) FROM fuzz a, fuzz b",
        "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT s", "ROLLBACK TO SAVEPOINT s", "SELECT nope FROM nowhere", "SELECT 1/0",
        "COPY fuzz FROM STDIN", "COPY fuzz TO STDOUT", "SET statement_timeout = 50", "RESET ALL", "SET LOCAL application_name = 'f'",
        "SELECT set_config('application_name', $1, false)", "SELECT current_setting($1)", "DROP TABLE IF EXISTS nothere",
        "SELECT generate_series(1, 500)", "SELECT repeat('x', 10000)", "", ";", "SELECT $1", "SELECT $70000",
        "SELECT '\u00e9\u4e2d'", "PREPARE p AS SELECT 1", "LISTEN x", "SELECT pg_sleep(0.01)", "VACUUM fuzz",
    };
    private static final char[] TYPES = {'Q', 'P', 'B', 'D', 'E', 'C', 'S', 'H', 'd', 'c', 'f', 'F', 'p', 'X'};

    private final Random random;

    MessageStreams(Random random) {
        this.random = random;
    }

    /** One connection's worth of bytes. */
    byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(15) == 0) { // a flood of big answers, for a client that will not read them
            out.writeBytes(PgRawClient.startupPacket(196608, "user", "fuzz", "database", "db"));
            for (int i = 0; i < 300; i++) {
                out.writeBytes(random.nextBoolean() ? PgRawClient.query("SELECT repeat('x', 50000)")
                        : concat(PgRawClient.parse("", "SELECT repeat('y', 40000), g FROM generate_series(1, 3) g"),
                                PgRawClient.bind("", ""), PgRawClient.execute("", 0), PgRawClient.sync()));
            }
            return out.toByteArray();
        }
        out.writeBytes(startup());
        int messages = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 20);
        for (int i = 0; i < messages; i++) {
            out.writeBytes(message());
        }
        byte[] bytes = out.toByteArray();
        return random.nextInt(3) == 0 ? mutate(bytes) : bytes;
    }

    private byte[] startup() {
        return switch (random.nextInt(12)) {
            case 0 -> randomBytes(random.nextInt(64));
            case 1 -> PgRawClient.startupPacket(random.nextInt(), "user", "fuzz"); // a protocol version nobody speaks
            case 2 -> ByteBuffer.allocate(8).putInt(random.nextInt()).putInt(196608).array(); // lying startup length
            case 3 -> PgRawClient.startupPacket(196608, "user", "fuzz", "database", "db", "application_name", "\u00ff\u00fe",
                    "client_encoding", random.nextBoolean() ? "LATIN1" : "UTF8");
            case 4 -> concat(sslRequest(), PgRawClient.startupPacket(196608, "user", "fuzz", "database", "db"));
            case 5 -> PgRawClient.startupPacket(196608, "user", "fuzz", "database", "db", "options",
                    "-c statement_timeout=" + random.nextInt(100) + " --no_such=1");
            case 6 -> PgRawClient.startupPacket(196608, "user", "fuzz", "database", "db", "TimeZone", "Mars/Olympus");
            case 7 -> PgRawClient.startupPacket(196609, "user", "fuzz", "database", "db", "_pq_.x", "y");
            default -> PgRawClient.startupPacket(196608, "user", "fuzz", "database", "db", "application_name", "fuzz");
        };
    }

    private byte[] message() {
        int kind = random.nextInt(100);
        if (kind < 3) {
            return randomBytes(random.nextInt(40));
        }
        if (kind < 6) {
            char type = (char) (random.nextInt(2) == 0 ? random.nextInt(256) : TYPES[random.nextInt(TYPES.length)]);
            return PgRawClient.message(type, randomBytes(random.nextInt(30)));
        }
        return switch (TYPES[random.nextInt(TYPES.length)]) {
            case 'Q' -> PgRawClient.query(sql());
            case 'P' -> random.nextInt(8) == 0 ? parseWithHugeTypeCount() : PgRawClient.parse(name(), sql(), typeOids());
            case 'B' -> bind();
            case 'D' -> PgRawClient.describe(random.nextInt(8) == 0 ? 'Z' : random.nextBoolean() ? 'S' : 'P', name());
            case 'E' -> PgRawClient.execute(name(), random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(5));
            case 'C' -> PgRawClient.close(random.nextBoolean() ? 'S' : 'P', name());
            case 'S' -> PgRawClient.sync();
            case 'H' -> PgRawClient.flush();
            case 'd' -> PgRawClient.copyData(random.nextBoolean() ? random.nextInt(1000) + "\tv\n" : "broken\\");
            case 'c' -> PgRawClient.copyDone();
            case 'f' -> PgRawClient.message('f', "client gave up\0".getBytes(StandardCharsets.UTF_8));
            case 'F' -> PgRawClient.message('F', randomBytes(12));
            case 'p' -> PgRawClient.message('p', "secret\0".getBytes(StandardCharsets.UTF_8));
            default -> PgRawClient.message('X', new byte[0]);
        };
    }

    private String sql() {
        String s = SQL[random.nextInt(SQL.length)];
        return random.nextInt(20) == 0 ? s + "; " + SQL[random.nextInt(SQL.length)] : s;
    }

    private String name() {
        return switch (random.nextInt(4)) {
            case 0 -> "s" + random.nextInt(3);
            case 1 -> "p" + random.nextInt(3);
            default -> "";
        };
    }

    private int[] typeOids() {
        int[] oids = new int[random.nextInt(3)];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = switch (random.nextInt(5)) {
                case 0 -> 23;
                case 1 -> 25;
                case 2 -> 0;
                case 3 -> 20;
                default -> random.nextInt();
            };
        }
        return oids;
    }

    /** A Parse whose type count says 65535 but carries a few: the body ends early. */
    private byte[] parseWithHugeTypeCount() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("\0SELECT $1\0".getBytes(StandardCharsets.UTF_8));
        b.write(0xff);
        b.write(0xff);
        b.writeBytes(randomBytes(random.nextInt(16)));
        return PgRawClient.message('P', b.toByteArray());
    }

    private byte[] bind() {
        int n = random.nextInt(10) == 0 ? 32767 + random.nextInt(2) : random.nextInt(3);
        if (n > 100) { // a count the body cannot hold
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes("\0\0\0\0".getBytes(StandardCharsets.UTF_8));
            b.write(n >> 8);
            b.write(n);
            b.writeBytes(randomBytes(random.nextInt(20)));
            return PgRawClient.message('B', b.toByteArray());
        }
        short[] formats = new short[random.nextInt(3)];
        for (int i = 0; i < formats.length; i++) {
            formats[i] = (short) (random.nextInt(6) == 0 ? random.nextInt(5) : random.nextInt(2));
        }
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            values[i] = switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> randomBytes(random.nextInt(9));
                case 2 -> new byte[] {(byte) 0xc3, (byte) 0x28}; // invalid UTF-8
                default -> String.valueOf(random.nextInt(100)).getBytes(StandardCharsets.UTF_8);
            };
        }
        short[] results = new short[random.nextInt(3)];
        for (int i = 0; i < results.length; i++) {
            results[i] = (short) random.nextInt(random.nextInt(8) == 0 ? 7 : 2);
        }
        return PgRawClient.bind(name(), name(), formats, values, results);
    }

    private byte[] mutate(byte[] bytes) {
        byte[] b = bytes.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(6)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> { // a length word that lies
                    if (at + 4 <= b.length) {
                        int lie = switch (random.nextInt(4)) {
                            case 0 -> random.nextInt();
                            case 1 -> 0x7fffffff;
                            case 2 -> random.nextInt(8);
                            default -> ByteBuffer.wrap(b, at, 4).getInt() + random.nextInt(17) - 8;
                        };
                        ByteBuffer.wrap(b, at, 4).putInt(lie);
                    }
                }
                case 2 -> b = java.util.Arrays.copyOf(b, at); // cut short
                case 3 -> b = concat(java.util.Arrays.copyOf(b, at), randomBytes(random.nextInt(16)),
                        java.util.Arrays.copyOfRange(b, at, b.length));
                case 4 -> b = concat(b, java.util.Arrays.copyOfRange(b, at, b.length)); // a tail repeated
                default -> b[at] = (byte) (0x80 | random.nextInt(64)); // a stray UTF-8 continuation byte
            }
        }
        return b;
    }

    /** The stream cut into the pieces it is written in (a client's writes need not follow message bounds). */
    List<byte[]> chunks(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(stream.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 4096));
            out.add(java.util.Arrays.copyOfRange(stream, at, at + n));
            at += n;
        }
        return out;
    }

    private static byte[] sslRequest() {
        return ByteBuffer.allocate(8).putInt(8).putInt(80877103).array();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

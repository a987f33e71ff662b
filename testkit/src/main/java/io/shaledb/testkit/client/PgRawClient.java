package io.shaledb.testkit.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bare-bones PostgreSQL protocol client for poking a server with exactly the bytes a test wants
 * (lying lengths, half messages, pipelined extended-protocol batches) and reading back each
 * backend message as it came.
 */
public final class PgRawClient implements AutoCloseable {
    /** The connection, for tests that tune or abuse the socket itself. */
    public final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** One backend message: its type byte and body. */
    public record Msg(char type, byte[] body) {
        /** The fields of an ErrorResponse, keyed by field code. */
        public Map<Character, String> fields() {
            Map<Character, String> fields = new LinkedHashMap<>();
            int i = 0;
            while (i < body.length && body[i] != 0) {
                char code = (char) body[i++];
                int end = i;
                while (body[end] != 0) {
                    end++;
                }
                fields.put(code, new String(body, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return fields;
        }

        /** The C strings of a body (ParameterStatus, CommandComplete...). */
        public List<String> strings() {
            List<String> strings = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < body.length; i++) {
                if (body[i] == 0) {
                    strings.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return strings;
        }

        public int int32(int at) {
            return ByteBuffer.wrap(body).getInt(at);
        }

        /** A DataRow's values as text (null for NULL). */
        public List<String> values() {
            ByteBuffer b = ByteBuffer.wrap(body);
            int n = b.getShort();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 0) {
                    out.add(null);
                } else {
                    byte[] v = new byte[len];
                    b.get(v);
                    out.add(new String(v, StandardCharsets.UTF_8));
                }
            }
            return out;
        }

        /** A RowDescription's column type OIDs. */
        public List<Integer> columnTypes() {
            ByteBuffer b = ByteBuffer.wrap(body);
            int n = b.getShort();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                while (b.get() != 0) {
                    // name
                }
                b.getInt();
                b.getShort();
                out.add(b.getInt());
                b.getShort();
                b.getInt();
                b.getShort();
            }
            return out;
        }
    }

    /** Connects to 127.0.0.1:{@code port}; reads give up after 5 s. */
    public PgRawClient(int port) throws IOException {
        this(port, 5_000);
    }

    public PgRawClient(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMillis);
        in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
        out = socket.getOutputStream();
    }

    public static byte[] startupPacket(int version, String... keyValues) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : keyValues) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        return ByteBuffer.allocate(8 + body.size()).putInt(8 + body.size()).putInt(version).put(body.toByteArray()).array();
    }

    public static byte[] message(char type, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) type).putInt(4 + body.length).put(body).array();
    }

    public static byte[] query(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        return message('Q', ByteBuffer.allocate(text.length + 1).put(text).put((byte) 0).array());
    }

    // ---- extended-protocol frames ----

    /** Parse: statement {@code name} from {@code sql}, with the given parameter type OIDs (0 = infer). */
    public static byte[] parse(String name, String sql, int... types) {
        Body b = new Body();
        b.cstring(name);
        b.cstring(sql);
        b.int16(types.length);
        for (int t : types) {
            b.int32(t);
        }
        return message('P', b.bytes());
    }

    /** Bind with text values (null = NULL) and text results. */
    public static byte[] bind(String portal, String statement, String... values) {
        byte[][] raw = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            raw[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return bind(portal, statement, new short[] {}, raw, new short[] {});
    }

    /** Bind with explicit parameter formats, raw values (null = NULL) and result formats. */
    public static byte[] bind(String portal, String statement, short[] paramFormats, byte[][] values, short[] resultFormats) {
        Body b = new Body();
        b.cstring(portal);
        b.cstring(statement);
        b.int16(paramFormats.length);
        for (short f : paramFormats) {
            b.int16(f);
        }
        b.int16(values.length);
        for (byte[] v : values) {
            if (v == null) {
                b.int32(-1);
            } else {
                b.int32(v.length);
                b.out.writeBytes(v);
            }
        }
        b.int16(resultFormats.length);
        for (short f : resultFormats) {
            b.int16(f);
        }
        return message('B', b.bytes());
    }

    /** Describe of a statement ('S') or portal ('P'). */
    public static byte[] describe(char kind, String name) {
        Body b = new Body();
        b.out.write(kind);
        b.cstring(name);
        return message('D', b.bytes());
    }

    /** Close of a statement ('S') or portal ('P'). */
    public static byte[] close(char kind, String name) {
        Body b = new Body();
        b.out.write(kind);
        b.cstring(name);
        return message('C', b.bytes());
    }

    /** Execute {@code portal}, at most {@code maxRows} rows (0 = all). */
    public static byte[] execute(String portal, int maxRows) {
        Body b = new Body();
        b.cstring(portal);
        b.int32(maxRows);
        return message('E', b.bytes());
    }

    public static byte[] sync() {
        return message('S', new byte[0]);
    }

    public static byte[] flush() {
        return message('H', new byte[0]);
    }

    public static byte[] copyData(String data) {
        return message('d', data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] copyDone() {
        return message('c', new byte[0]);
    }

    /** A CancelRequest packet for the backend that announced {@code processId} and {@code secretKey}. */
    public static byte[] cancelRequest(int processId, int secretKey) {
        return ByteBuffer.allocate(16).putInt(16).putInt(80877102).putInt(processId).putInt(secretKey).array();
    }

    /** The message types of {@code messages} as one string ("1tTZ"), for compact assertions. */
    public static String types(List<Msg> messages) {
        StringBuilder sb = new StringBuilder();
        for (Msg m : messages) {
            sb.append(m.type());
        }
        return sb.toString();
    }

    private static final class Body {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void cstring(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }

        void int16(int v) {
            out.write(v >> 8);
            out.write(v);
        }

        void int32(int v) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    public void send(byte[]... chunks) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
        out.flush();
    }

    /** Sends a 3.0 startup for user "tester", database "test" and reads up to ReadyForQuery. */
    public List<Msg> startup() throws IOException {
        send(startupPacket(196608, "user", "tester", "database", "test", "application_name", "raw"));
        return readUntilReady();
    }

    /** Sends a 3.0 startup for {@code user} and {@code database} and reads up to ReadyForQuery. */
    public List<Msg> startup(String user, String database) throws IOException {
        send(startupPacket(196608, "user", user, "database", database));
        return readUntilReady();
    }

    public byte[] readAll() throws IOException {
        return in.readAllBytes();
    }

    public int readByte() throws IOException {
        return in.read();
    }

    public Msg read() throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Msg(type, body);
    }

    public List<Msg> readUntilReady() throws IOException {
        List<Msg> messages = new ArrayList<>();
        Msg m;
        do {
            m = read();
            messages.add(m);
        } while (m.type() != 'Z');
        return messages;
    }

    /** True if the server closes the connection (EOF or reset) within the socket timeout. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | SocketTimeoutException e) {
            return e instanceof EOFException;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

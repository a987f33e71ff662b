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

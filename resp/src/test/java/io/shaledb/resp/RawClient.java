package io.shaledb.resp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare-socket Redis client for tests: sends exact bytes, reads replies parsed into Java values
 * (String for simple, "-..." for errors, Long, byte-string as String, null, List) so two servers'
 * replies can be compared structurally.
 */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    RawClient(int port) throws IOException {
        this(port, 0);
    }

    /** A client whose socket receive buffer is {@code receiveBuffer} bytes (0: the system's), fixed before connecting. */
    RawClient(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new java.io.BufferedInputStream(socket.getInputStream());
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] encode(List<String> args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String a : args) {
            byte[] v = a.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + v.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(v);
            b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    Object call(String... args) throws IOException {
        sendRaw(encode(List.of(args)));
        return read();
    }

    /** Everything until the server closes, or "<open>" appended if it stays open for {@code waitMillis}. */
    /** {@link #call} on a thread of its own (the command may block), its reply as a future. */
    java.util.concurrent.CompletableFuture<Object> callAsync(String... args) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return call(args);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> Thread.ofPlatform().daemon().start(runnable)); // one thread each: they block
    }

    String readUntilClose(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) >= 0) {
                b.write(c);
            }
            return b.toString(StandardCharsets.UTF_8) + "<closed>";
        } catch (SocketTimeoutException e) {
            return b.toString(StandardCharsets.UTF_8) + "<open>";
        } catch (java.net.SocketException e) {
            return b.toString(StandardCharsets.UTF_8) + "<closed>";
        }
    }

    /**
     * When set, a null array ({@code *-1}) reads as {@code "(nil-array)"}, not null, so that the
     * differential test tells it from a null bulk string. RESP3 types read as tagged values:
     * {@code "(null)"}, {@code "(double)1.5"}, a set or map as a list starting {@code "(set)"} or {@code "(map)"}.
     */
    boolean distinguishNulls;

    /** When set, bulk strings read as ISO-8859-1 (one char per byte: binary values compare exactly), not UTF-8. */
    boolean latin1;

    Object read() throws IOException {
        int type = in.read();
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> "-" + line;
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                byte[] v = in.readNBytes(n);
                in.readNBytes(2);
                yield new String(v, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            case '*', '~', '%' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield distinguishNulls ? "(nil-array)" : null;
                }
                if (type == '%') {
                    n *= 2;
                }
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                if (type != '*') {
                    items.addFirst(type == '~' ? "(set)" : "(map)");
                }
                yield items;
            }
            case '=' -> {
                byte[] v = in.readNBytes(Integer.parseInt(line));
                in.readNBytes(2);
                yield "(verbatim)" + new String(v, StandardCharsets.UTF_8);
            }
            case '_' -> "(null)";
            case ',' -> "(double)" + line;
            case '#' -> "(bool)" + line;
            case -1 -> throw new IOException("connection closed");
            default -> throw new IOException("unexpected reply type " + (char) type + line);
        };
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed mid-reply");
            }
            b.write(c);
        }
        in.read();
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.shaledb.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds TCP ports on 127.0.0.1 that are free right now. */
public final class FreePorts {
    private FreePorts() {}

    /**
     * A port that was free when asked. Another process may take it before the caller binds it;
     * callers that spawn servers should treat a bind failure as a reason to pick again.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }
}

package io.shaledb.resp;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONFIG {@code client-output-buffer-limit}: how many reply bytes a client may leave unread.
 * Only the {@code normal} class applies here (no replicas, no pub/sub); the others are kept and
 * reported as Redis's defaults. A client whose unsent replies reach the hard limit, or stay at or
 * above the soft limit for longer than the soft seconds, is disconnected, as Redis's
 * checkClientOutputBufferLimits does:
 *
 * <pre>
 *   after each command:  pending = replies not yet flushed + bytes Netty could not write to the socket yet
 *                        hard > 0 and pending ≥ hard                         ──> close
 *                        soft > 0 and pending ≥ soft for more than soft_seconds ──> close
 * </pre>
 *
 * With the normal class at {@code 0 0 0} (Redis's default) nobody is disconnected; the connection
 * then stops executing a client's commands while Netty's outbound buffer is above its high-water
 * mark, so a client that never reads cannot make the server buffer without bound either.
 */
final class OutputBufferLimits {
    private static final Logger log = LoggerFactory.getLogger(OutputBufferLimits.class);

    /** One class's limits: bytes, bytes, seconds; 0 = none. */
    record Limit(long hard, long soft, long softSeconds) {
        @Override
        public String toString() {
            return hard + " " + soft + " " + softSeconds;
        }
    }

    private volatile Limit normal = new Limit(0, 0, 0);
    private volatile Limit replica = new Limit(256L << 20, 64L << 20, 60);
    private volatile Limit pubsub = new Limit(32L << 20, 8L << 20, 60);

    /** CONFIG GET's text. */
    String get() {
        return "normal " + normal + " slave " + replica + " pubsub " + pubsub;
    }

    /** CONFIG SET: class hard soft seconds, repeated; only the classes named change. Redis's errors. */
    void set(String value) {
        String[] t = value.trim().isEmpty() ? new String[0] : value.trim().split("\\s+");
        if (t.length % 4 != 0) {
            throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
        }
        Limit n = normal;
        Limit r = replica;
        Limit p = pubsub;
        for (int i = 0; i < t.length; i += 4) {
            String cls = t[i].toLowerCase(Locale.ROOT);
            if (!cls.equals("normal") && !cls.equals("slave") && !cls.equals("replica") && !cls.equals("pubsub")) {
                throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            }
            Limit l;
            try {
                l = new Limit(RespSettings.memory(t[i + 1], 0, Long.MAX_VALUE), RespSettings.memory(t[i + 2], 0, Long.MAX_VALUE),
                        Long.parseLong(t[i + 3]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            if (l.softSeconds() < 0) {
                throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            switch (cls) {
                case "normal" -> n = l;
                case "pubsub" -> p = l;
                default -> r = l;
            }
        }
        normal = n;
        replica = r;
        pubsub = p;
    }

    /** Whether normal clients have a limit (then the connection lets replies pile up to it instead of pausing). */
    boolean enforced() {
        Limit l = normal;
        return l.hard() > 0 || l.soft() > 0;
    }

    /**
     * Whether {@code client}, with {@code pendingBytes} of replies not yet written to its socket,
     * is over the limits now (it should be disconnected). Keeps the client's soft-limit clock.
     */
    boolean exceeded(Client client, long pendingBytes, long nowMillis) {
        Limit l = normal;
        boolean hard = l.hard() > 0 && pendingBytes >= l.hard();
        boolean soft = l.soft() > 0 && pendingBytes >= l.soft();
        if (soft) {
            long since = client.softLimitSince();
            if (since == 0) {
                client.softLimitSince(nowMillis);
                soft = false;
            } else {
                soft = (nowMillis - since) / 1000 > l.softSeconds();
            }
        } else {
            client.softLimitSince(0);
        }
        if (hard || soft) {
            log.warn("resp client {} closed for overcoming of output buffer limits ({} bytes pending, limit normal {})",
                    client.id(), pendingBytes, l);
            return true;
        }
        return false;
    }
}

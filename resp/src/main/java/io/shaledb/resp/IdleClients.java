package io.shaledb.resp;

import java.util.Collection;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONFIG {@code timeout}: closes connections idle for longer than that many seconds, as Redis's
 * clientsCron does — a client's last interaction is its last read from the socket or reply written;
 * clients blocked in BLPOP and friends are never idle (their own timeout governs them), and 0
 * turns the check off.
 *
 * <pre>
 *   every 100 ms:  for each connection:  timeout > 0  and  not blocked  and  now - last interaction > timeout s  ──> close
 * </pre>
 *
 * Redis compares whole seconds ({@code now - lastinteraction > maxidletime}), so with
 * {@code timeout 1} an idle client goes after one to two seconds; this does the same.
 */
final class IdleClients {
    private static final Logger log = LoggerFactory.getLogger(IdleClients.class);
    /** How often connections are checked. */
    static final long PERIOD_MILLIS = 100;

    private final LongSupplier timeoutSeconds;

    IdleClients(LongSupplier timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * A handler placed before the decoder: every read from the socket counts as interaction, as in
     * Redis (so a client slowly uploading one big argument is not idle), before any framing.
     */
    static io.netty.channel.ChannelInboundHandler readTracker(Client client) {
        return new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                client.touch();
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** One pass over {@code connections} at {@code nowMillis}: closes the idle ones. */
    void closeIdle(Collection<RespConnection> connections, long nowMillis) {
        long timeout = timeoutSeconds.getAsLong();
        if (timeout <= 0) {
            return;
        }
        long nowSeconds = nowMillis / 1000;
        for (RespConnection c : connections) {
            Client client = c.client();
            if (!client.blocked() && nowSeconds - client.lastInteractionMillis() / 1000 > timeout) {
                log.debug("resp client {}: idle for more than {} s (timeout), closing", client.id(), timeout);
                c.close();
            }
        }
    }
}

package io.shaledb.kv;

/**
 * The options of SET: a condition (NX / XX), what happens to the expiry, and GET.
 *
 * @param expireAt the new deadline in ms since the epoch when {@code expiry} is {@link Expiry#AT}
 */
public record SetOptions(Condition condition, Expiry expiry, long expireAt, boolean get) {
    public enum Condition { ALWAYS, IF_ABSENT, IF_PRESENT }

    /** {@link #CLEAR}: the key loses its TTL (plain SET); {@link #KEEP}: KEEPTTL; {@link #AT}: EX/PX/EXAT/PXAT. */
    public enum Expiry { CLEAR, KEEP, AT }

    public static final SetOptions PLAIN = new SetOptions(Condition.ALWAYS, Expiry.CLEAR, 0, false);

    /** What SET did: whether it wrote, and the old value when GET was asked for. */
    public record Result(boolean written, byte[] old) {}
}

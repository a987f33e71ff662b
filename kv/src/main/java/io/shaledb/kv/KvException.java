package io.shaledb.kv;

/**
 * A command failed the way Redis fails it: the message is Redis's error reply text, error code
 * included ({@code WRONGTYPE Operation against a key holding the wrong kind of value}, {@code ERR
 * value is not an integer or out of range}), so the protocol layer sends it unchanged.
 */
public final class KvException extends RuntimeException {
    public static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";

    private static final long serialVersionUID = 1L;

    public KvException(String redisMessage) {
        super(redisMessage);
    }

    public static KvException wrongType() {
        return new KvException(WRONG_TYPE);
    }
}

package io.shaledb.resp;

/** A command's error reply; the message starts with its code ({@code ERR}, {@code NOAUTH}, ...). */
final class RespError extends RuntimeException {
    static final String SYNTAX = "ERR syntax error";
    private static final long serialVersionUID = 1L;

    RespError(String message) {
        super(message, null, false, false);
    }
}

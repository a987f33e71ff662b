package io.shaledb.pgwire;

import java.util.List;
import java.util.Map;

/**
 * What the {@link FrontendDecoder} makes of the byte stream: one value per complete frontend
 * message, already checked and decoded, so the connection's worker never touches a
 * {@code ByteBuf} of the client's. Framing problems arrive as {@link Fatal}, in order, after the
 * messages that preceded them.
 */
sealed interface FrontendMessage {

    /** SSLRequest: we answer {@code N} (no TLS yet) and the client continues in plain text. */
    record SslRequest() implements FrontendMessage {}

    /** GSSENCRequest: answered {@code N} as well. */
    record GssEncRequest() implements FrontendMessage {}

    /** CancelRequest, sent on a fresh connection: accepted and the connection closed. */
    record CancelRequest(int processId, int secretKey) implements FrontendMessage {}

    /**
     * StartupMessage of protocol 3.x.
     *
     * @param parameters the name/value pairs in the order sent (user, database, application_name...)
     * @param protocolOptions names of {@code _pq_.*} options we do not understand
     */
    record Startup(int majorVersion, int minorVersion, Map<String, String> parameters, List<String> protocolOptions)
            implements FrontendMessage {}

    /**
     * PasswordMessage ('p'): a password, an md5 answer, or a SASLInitialResponse / SASLResponse
     * (all share the type byte; only the authentication step in progress knows which).
     */
    record PasswordMessage(byte[] body) implements FrontendMessage {}

    /** Query ('Q'): a simple-query string, possibly several statements. */
    record Query(String sql) implements FrontendMessage {}

    /** Terminate ('X'). */
    record Terminate() implements FrontendMessage {}

    /** Sync ('S'): end of an extended-protocol batch. */
    record Sync() implements FrontendMessage {}

    /** Flush ('H'). */
    record Flush() implements FrontendMessage {}

    /** FunctionCall ('F'): not supported. */
    record Unsupported(char type) implements FrontendMessage {}

    /** Parse ('P'): prepare {@code sql} as statement {@code name} ("" the unnamed one); 0 in {@code parameterTypes} leaves a type to the server. */
    record Parse(String name, String sql, int[] parameterTypes) implements FrontendMessage {}

    /**
     * Bind ('B'): a portal from a statement and parameter values ({@code values[i] == null} is
     * NULL), with format codes as sent (none: all text; one: for all; else one each).
     */
    record Bind(String portal, String statement, short[] parameterFormats, byte[][] values, short[] resultFormats)
            implements FrontendMessage {}

    /** Describe ('D') of a statement ({@code kind} 'S') or a portal ('P'). */
    record Describe(char kind, String name) implements FrontendMessage {}

    /** Execute ('E'): run a portal, at most {@code maxRows} rows (0: all). */
    record Execute(String portal, int maxRows) implements FrontendMessage {}

    /** Close ('C') of a statement ('S') or a portal ('P'). */
    record Close(char kind, String name) implements FrontendMessage {}

    /** A well-framed extended-protocol message whose content is broken: ERROR, then skip to Sync. */
    record Malformed(char type, PgError error) implements FrontendMessage {}

    /** CopyData ('d'): a chunk of a COPY FROM STDIN's data (ignored outside a COPY, as PostgreSQL does). */
    record CopyData(byte[] data) implements FrontendMessage {}

    /** CopyDone ('c'): the COPY FROM STDIN data is complete. */
    record CopyDone() implements FrontendMessage {}

    /** CopyFail ('f'): the client aborts the COPY FROM STDIN, with its reason. */
    record CopyFail(String message) implements FrontendMessage {}

    /** A well-framed Query whose content is broken (no terminator, bad UTF-8): ERROR, then ReadyForQuery. */
    record Invalid(PgError error) implements FrontendMessage {}

    /**
     * The stream can no longer be trusted (bad length, unknown type, bad startup packet): send
     * {@code error} and close. {@code legacyV2} asks for the protocol-2 error format, for a client
     * that asked for protocol 2 and could not parse a v3 ErrorResponse.
     */
    record Fatal(PgError error, boolean legacyV2) implements FrontendMessage {}

    /** Not from the client: the channel closed; the worker stops. */
    record ChannelClosed() implements FrontendMessage {}
}

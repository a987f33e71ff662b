package io.shaledb.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.TransactionStatus;
import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * Encodes backend messages into a batch buffer and hands full batches to Netty. Used only by the
 * connection's worker thread.
 *
 * <p>Invariants: a batch only ever holds whole messages, so anything else written to the channel
 * between batches (a shutdown notice) still lands on a message boundary; and after handing over a
 * batch the worker waits while the channel is unwritable, so a client that stops reading stalls
 * its own query instead of filling our heap.
 */
final class BackendWriter {
    /** Hand a batch to Netty once it holds this much; small enough for latency, large enough to amortise. */
    static final int BATCH_BYTES = 32 * 1024;

    private final Channel channel;
    private final Object writableSignal = new Object();
    private ByteBuf batch;
    private int lengthAt = -1;
    private int messageStart = -1;

    BackendWriter(Channel channel) {
        this.channel = channel;
    }

    // ---- whole messages ----

    void authenticationOk() {
        begin('R');
        batch.writeInt(0);
        end();
    }

    /** AuthenticationSASL / SASLContinue / SASLFinal / MD5Password / CleartextPassword: code, then data. */
    void authenticationRequest(int code, byte[] data) {
        begin('R');
        batch.writeInt(code);
        batch.writeBytes(data);
        end();
    }

    void parameterStatus(String name, String value) {
        begin('S');
        cstring(name);
        cstring(value);
        end();
    }

    void backendKeyData(int processId, int secretKey) {
        begin('K');
        batch.writeInt(processId);
        batch.writeInt(secretKey);
        end();
    }

    void negotiateProtocolVersion(int newestVersion, List<String> unrecognisedOptions) {
        begin('v');
        batch.writeInt(newestVersion);
        batch.writeInt(unrecognisedOptions.size());
        for (String option : unrecognisedOptions) {
            cstring(option);
        }
        end();
    }

    void readyForQuery(TransactionStatus status) {
        begin('Z');
        batch.writeByte(status.wireCode());
        end();
    }

    void rowDescription(List<ColumnInfo> columns) {
        begin('T');
        batch.writeShort(columns.size());
        for (ColumnInfo column : columns) {
            SqlType type = column.type() == null ? SqlType.UNKNOWN : column.type();
            cstring(column.name() == null ? "?column?" : column.name());
            batch.writeInt(column.tableOid());
            batch.writeShort(column.columnNumber());
            batch.writeInt(type.oid());
            batch.writeShort(type.length());
            batch.writeInt(-1);   // typmod
            batch.writeShort(0);  // text format
        }
        end();
    }

    /** DataRow in text format; {@code texts[i] == null} is SQL NULL. */
    void dataRow(String[] texts) {
        begin('D');
        batch.writeShort(texts.length);
        for (String text : texts) {
            if (text == null) {
                batch.writeInt(-1);
            } else {
                int at = batch.writerIndex();
                batch.writeInt(0);
                int written = ByteBufUtil.writeUtf8(batch, text);
                batch.setInt(at, written);
            }
        }
        end();
    }

    // ---- extended query protocol ----

    void parseComplete() {
        begin('1');
        end();
    }

    void bindComplete() {
        begin('2');
        end();
    }

    void closeComplete() {
        begin('3');
        end();
    }

    void noData() {
        begin('n');
        end();
    }

    void portalSuspended() {
        begin('s');
        end();
    }

    /** ParameterDescription ('t'): the type OID of each parameter. */
    void parameterDescription(List<SqlType> types) {
        begin('t');
        batch.writeShort(types.size());
        for (SqlType t : types) {
            batch.writeInt(t.oid());
        }
        end();
    }

    /** RowDescription with the format code ({@code 0} text, {@code 1} binary) of each column. */
    void rowDescription(List<ColumnInfo> columns, short[] formats) {
        begin('T');
        batch.writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            ColumnInfo column = columns.get(i);
            SqlType type = column.type() == null ? SqlType.UNKNOWN : column.type();
            cstring(column.name() == null ? "?column?" : column.name());
            batch.writeInt(column.tableOid());
            batch.writeShort(column.columnNumber());
            batch.writeInt(type.oid());
            batch.writeShort(type.length());
            batch.writeInt(-1);   // typmod
            batch.writeShort(formats[i]);
        }
        end();
    }

    /** DataRow of already encoded values (text as UTF-8, or binary); {@code values[i] == null} is SQL NULL. */
    void dataRow(byte[][] values) {
        begin('D');
        batch.writeShort(values.length);
        for (byte[] value : values) {
            if (value == null) {
                batch.writeInt(-1);
            } else {
                batch.writeInt(value.length);
                batch.writeBytes(value);
            }
        }
        end();
    }

    /** CopyInResponse ('G') or CopyOutResponse ('H'): overall format and per-column formats, all text (0) or binary (1). */
    void copyResponse(boolean in, boolean binary, int columns) {
        begin(in ? 'G' : 'H');
        batch.writeByte(binary ? 1 : 0);
        batch.writeShort(columns);
        for (int i = 0; i < columns; i++) {
            batch.writeShort(binary ? 1 : 0);
        }
        end();
    }

    /** CopyData ('d') from the backend: one chunk of COPY TO STDOUT output. */
    void copyData(byte[] data) {
        begin('d');
        batch.writeBytes(data);
        end();
    }

    /** CopyDone ('c') from the backend: the end of COPY TO STDOUT output. */
    void copyDone() {
        begin('c');
        end();
    }

    void commandComplete(String tag) {
        begin('C');
        cstring(tag);
        end();
    }

    void emptyQueryResponse() {
        begin('I');
        end();
    }

    void errorResponse(PgError error) {
        begin('E');
        field('S', error.severity());
        field('V', error.severity());
        field('C', error.code());
        field('M', error.message());
        field('D', error.detail());
        field('H', error.hint());
        field('W', error.context());
        if (error.position() > 0) {
            field('P', Integer.toString(error.position()));
        }
        batch.writeByte(0);
        end();
    }

    /** NoticeResponse ('N'): the fields of an ErrorResponse, for a message that does not end the statement. */
    void noticeResponse(PgError notice) {
        begin('N');
        field('S', notice.severity());
        field('V', notice.severity());
        field('C', notice.code());
        field('M', notice.message());
        field('D', notice.detail());
        field('H', notice.hint());
        batch.writeByte(0);
        end();
    }

    /** The protocol-2 error format: 'E', then "FATAL:  message\n" as a C string. */
    void legacyErrorResponse(PgError error) {
        ensureBatch();
        batch.writeByte('E');
        cstring(error.severity() + ":  " + error.message() + "\n");
    }

    /** The single unframed byte that answers SSLRequest / GSSENCRequest. */
    void refuseEncryption() {
        ensureBatch();
        batch.writeByte('N');
    }

    // ---- batching and backpressure ----

    /** Hands the pending batch to Netty, then waits while the channel is over its high-water mark. */
    void flush() {
        if (batch != null && batch.isReadable()) {
            ByteBuf out = batch;
            batch = null;
            if (!channel.isActive()) {
                out.release();
                throw new ClientGoneException();
            }
            channel.writeAndFlush(out, channel.voidPromise());
            awaitWritable();
        }
    }

    /**
     * Hands over the pending batch without waiting for the client to read it; used just before
     * closing, so answers to messages that preceded a Terminate are not lost.
     */
    void flushWithoutWaiting() {
        abandonPartialMessage();
        if (batch != null && batch.isReadable() && channel.isActive()) {
            ByteBuf out = batch;
            batch = null;
            channel.writeAndFlush(out, channel.voidPromise());
        }
    }

    /**
     * If encoding a message failed half-way (an exception between its first and last byte),
     * forgets that message so the stream stays well-formed.
     */
    void abandonPartialMessage() {
        if (lengthAt >= 0 && batch != null) {
            batch.writerIndex(messageStart);
        }
        lengthAt = -1;
        messageStart = -1;
    }

    /** Drops anything unsent (used when the connection is going away). */
    void discard() {
        if (batch != null) {
            batch.release();
            batch = null;
        }
    }

    /** Called from the event loop when writability changes or the channel closes. */
    void signal() {
        synchronized (writableSignal) {
            writableSignal.notifyAll();
        }
    }

    private void awaitWritable() {
        if (channel.isWritable()) {
            return;
        }
        synchronized (writableSignal) {
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw new ClientGoneException();
                }
                try {
                    writableSignal.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClientGoneException();
                }
            }
        }
    }

    private void ensureBatch() {
        if (batch == null) {
            batch = channel.alloc().buffer(256);
        }
    }

    private void begin(char type) {
        assert lengthAt < 0 : "message already open";
        ensureBatch();
        messageStart = batch.writerIndex();
        batch.writeByte(type);
        lengthAt = batch.writerIndex();
        batch.writeInt(0);
    }

    private void end() {
        batch.setInt(lengthAt, batch.writerIndex() - lengthAt);
        lengthAt = -1;
        messageStart = -1;
        if (batch.readableBytes() >= BATCH_BYTES) {
            flush();
        }
    }

    private void field(char code, String value) {
        if (value != null) {
            batch.writeByte(code);
            cstring(value);
        }
    }

    /** A C string; an embedded NUL would end it early and desynchronise the client, so it is dropped. */
    private void cstring(String s) {
        if (s.indexOf('\0') >= 0) {
            s = s.replace("\0", "");
        }
        ByteBufUtil.writeUtf8(batch, s);
        batch.writeByte(0);
    }

    /** The client went away while we were writing to it: abandon the statement. */
    static final class ClientGoneException extends io.shaledb.sql.ResultSink.ClientGone {
        private static final long serialVersionUID = 1L;

        ClientGoneException() {
            super("client connection closed");
        }
    }
}

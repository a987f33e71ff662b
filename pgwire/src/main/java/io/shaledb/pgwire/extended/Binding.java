package io.shaledb.pgwire.extended;

import io.shaledb.pgwire.codec.BinaryCodec;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bind's parameters, made into the values and types the session binds: a binary value decoded
 * by its type (declared, else inferred by Parse); a text value kept as text with its declared
 * type, for the session to read with the type's input function in the statement's context, or,
 * when the client left the type open, as an untyped literal the statement's context types
 * (exactly as PostgreSQL reads {@code WHERE id = '42'}).
 *
 * @param values per parameter: null (NULL), a String (text), or a decoded Java value
 * @param types the type each value is of ({@link SqlType#UNKNOWN}: an untyped literal)
 */
public record Binding(Object[] values, SqlType[] types) {

    /**
     * @throws SqlException 08P01 for counts that do not match, 22P03 for a bad binary value,
     *     22021 for text that is not UTF-8
     */
    public static Binding of(ParsedStatement statement, short[] formats, byte[][] raw) {
        int n = statement.parameterCount();
        if (formats.length > 1 && formats.length != raw.length) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "bind message has " + formats.length
                    + " parameter formats but " + raw.length + " parameters");
        }
        if (raw.length != n) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + raw.length
                    + " parameters, but " + ParsedStatement.describe(statement.name()) + " requires " + n);
        }
        Object[] values = new Object[n];
        SqlType[] types = new SqlType[n];
        for (int i = 0; i < n; i++) {
            short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
            SqlType declared = statement.declaredTypes().get(i);
            switch (format) {
                case 0 -> {
                    types[i] = declared;
                    values[i] = raw[i] == null ? null : utf8(raw[i], i);
                    if (values[i] != null) {
                        checkText((String) values[i], statement.parameterType(i));
                    }
                }
                case 1 -> {
                    SqlType type = statement.parameterType(i);
                    types[i] = type;
                    try {
                        values[i] = raw[i] == null ? null : BinaryCodec.decode(type, raw[i]);
                    } catch (SqlException e) {
                        throw new SqlException(e.state(), e.getMessage() + " in bind parameter " + (i + 1));
                    }
                }
                default -> throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
            }
        }
        return new Binding(values, types);
    }

    /**
     * A text value of a type whose input function needs no session context is read once here, so
     * that a bad one fails at Bind (22P02, as in PostgreSQL) rather than at Execute. Date and time
     * types depend on DateStyle and TimeZone and are left to the statement.
     */
    private static void checkText(String text, SqlType type) {
        switch (type) {
            case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, NUMERIC, BOOLEAN, UUID, BYTEA, JSONB -> Values.parse(text, type);
            default -> { }
        }
    }

    private static String utf8(byte[] bytes, int i) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
                    "invalid byte sequence for encoding \"UTF8\" in bind parameter " + (i + 1));
        }
    }
}

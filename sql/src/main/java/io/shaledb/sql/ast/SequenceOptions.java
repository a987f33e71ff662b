package io.shaledb.sql.ast;

/**
 * The options of {@code CREATE SEQUENCE} as written; null means not given ({@code NO MINVALUE} /
 * {@code NO MAXVALUE} also leave the bound null). {@code asType} is the internal type name of
 * {@code AS type} (int2, int4, int8) or null.
 */
public record SequenceOptions(String asType, Long increment, Long min, Long max, Long start, Long cache, Boolean cycle) {
    public static final SequenceOptions NONE = new SequenceOptions(null, null, null, null, null, null, null);
}

package io.shaledb.sql.plpgsql;

import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.types.SqlType;
import java.util.List;

/**
 * A compiled PL/pgSQL function: its catalog definition, its outermost block, every variable of
 * its frame (index 0 is FOUND; trigger functions then have TG_NAME ... TG_ARGV; then the
 * parameters, then each block's declarations) and the parameter numbers its SQL uses.
 *
 * @param args frame indexes of the function's parameters, in order
 */
record PlFunction(Function def, PlNode.Block body, List<Variable> vars, Slots slots, int[] args) {
    /** A frame slot: name, type and varchar-style length limit (-1 none). */
    record Variable(String name, SqlType type, int maxLength) {}

    static final int FOUND = 0;
    /** Frame indexes of the trigger variables, in the order {@link PlParser} declares them. */
    static final int TG_NAME = 1;
    static final int TG_WHEN = 2;
    static final int TG_LEVEL = 3;
    static final int TG_OP = 4;
    static final int TG_RELNAME = 5;
    static final int TG_TABLE_NAME = 6;
    static final int TG_TABLE_SCHEMA = 7;
    static final int TG_NARGS = 8;
    static final int TG_ARGV = 9;
}

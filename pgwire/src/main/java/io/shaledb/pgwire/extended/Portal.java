package io.shaledb.pgwire.extended;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * A portal created by Bind: a statement with its parameter values and the format wanted for each
 * result column, and, once an Execute with a row limit has run it, its result waiting to be
 * fetched.
 *
 * <pre>
 *   Bind --&gt; READY --Execute(0)------------------------------&gt; DONE (rows streamed as produced)
 *               '---Execute(n)--&gt; run to the end into rows --&gt; SUSPENDED --Execute(n)--&gt; ... --&gt; DONE
 *                                (encoded as they come)        position advances n at a time
 * </pre>
 *
 * A suspended portal keeps its rows (already encoded, so TimeZone changes do not reach them)
 * until it is fetched to the end, closed, or its transaction ends.
 */
public final class Portal {
    private final String name;
    private final ParsedStatement statement;
    private final Binding binding;
    private final short[] resultFormats;
    private List<byte[][]> rows;
    private int position;
    private String tag;
    private boolean done;

    public Portal(String name, ParsedStatement statement, Binding binding, short[] formatCodes) {
        this.name = name;
        this.statement = statement;
        this.binding = binding;
        var columns = statement.prepared().columns();
        this.resultFormats = expand(formatCodes, columns == null ? 0 : columns.size());
    }

    /** Format codes as sent (none: all text; one: for every column; else one per column), one per column. */
    static short[] expand(short[] codes, int columns) {
        if (codes.length > 1 && codes.length != columns) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "bind message has " + codes.length
                    + " result formats but query has " + columns + " columns");
        }
        short[] out = new short[columns];
        for (int i = 0; i < columns; i++) {
            short code = codes.length == 0 ? 0 : codes.length == 1 ? codes[0] : codes[i];
            if (code != 0 && code != 1) {
                throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + code);
            }
            out[i] = code;
        }
        return out;
    }

    public String name() {
        return name;
    }

    public ParsedStatement statement() {
        return statement;
    }

    public Binding binding() {
        return binding;
    }

    public short[] resultFormats() {
        return resultFormats;
    }

    /** Whether the statement has run (to completion, into {@link #rows} or onto the wire). */
    public boolean started() {
        return rows != null || done;
    }

    public boolean done() {
        return done;
    }

    /** The statement ran to the end with its result kept here for fetching. */
    public void buffered(List<byte[][]> result, String commandTag) {
        rows = new ArrayList<>(result);
        tag = commandTag;
    }

    /** The statement ran to the end straight onto the wire. */
    public void finished(String commandTag) {
        done = true;
        rows = List.of();
        position = 0;
        tag = commandTag;
    }

    /** The next at most {@code max} rows (all for 0); marks the portal done when none are left after them. */
    public List<byte[][]> fetch(int max) {
        if (rows == null) {
            throw new IllegalStateException("portal " + name + " has not run");
        }
        int end = max <= 0 ? rows.size() : (int) Math.min((long) position + max, rows.size());
        List<byte[][]> out = rows.subList(position, end);
        position = end;
        if (position == rows.size()) {
            done = true;
        }
        return out;
    }

    /** Whether rows remain after the last fetch (PortalSuspended rather than CommandComplete). */
    public boolean suspended() {
        return rows != null && position < rows.size();
    }

    /** The command tag for the last fetch: a SELECT reports the rows of that fetch, as PostgreSQL does. */
    public String tagFor(int fetched) {
        if (tag != null && tag.startsWith("SELECT ")) {
            return "SELECT " + fetched;
        }
        return tag;
    }
}

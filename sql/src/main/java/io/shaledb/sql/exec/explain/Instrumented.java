package io.shaledb.sql.exec.explain;

import io.shaledb.sql.exec.op.Operator;

/** An operator that counts its loops, rows, time and buffer use into an {@link Instrumentation}. */
public final class Instrumented implements Operator {
    private final Operator input;
    private final Instrumentation instr;

    Instrumented(Operator input, Instrumentation instr) {
        this.input = input;
        this.instr = instr;
    }

    /** The operator this one measures. */
    public Operator input() {
        return input;
    }

    @Override
    public void open() {
        instr.beginLoop();
        long t = instr.start();
        long[] b = instr.buffersBefore();
        try {
            input.open();
        } finally {
            instr.stop(t, b, false, false);
        }
    }

    @Override
    public Object[] next() {
        long t = instr.start();
        long[] b = instr.buffersBefore();
        Object[] row = null;
        try {
            row = input.next();
            return row;
        } finally {
            instr.stop(t, b, true, row != null);
        }
    }

    @Override
    public void close() {
        long t = instr.start();
        long[] b = instr.buffersBefore();
        try {
            input.close();
        } finally {
            instr.stop(t, b, false, false);
        }
    }
}

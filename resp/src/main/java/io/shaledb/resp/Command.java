package io.shaledb.resp;

import java.util.List;

/**
 * A command's entry in the {@link CommandTable}: Redis's arity convention (positive: exactly that
 * many arguments counting the name; negative: at least that many), flags and key positions for
 * COMMAND, and the code that runs it.
 */
record Command(String name, int arity, List<String> flags, int firstKey, int lastKey, int step, Handler handler) {
    @FunctionalInterface
    interface Handler {
        void run(Client client, Args args, RespWriter out);
    }

    boolean arityAllows(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }
}

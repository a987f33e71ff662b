package io.shaledb.resp;

/**
 * FUNCTION, only as far as clients and test harnesses that clean up with it need: ShaleDB has no
 * server-side scripting, so the function library is always empty — FLUSH succeeds, LIST is empty,
 * LOAD is refused.
 */
final class FunctionCommands {
    private FunctionCommands() {}

    static void register(CommandTable t) {
        t.add("function", -2, "noscript", 0, 0, 0, FunctionCommands::function);
    }

    private static void function(Client c, Args a, RespWriter out) {
        switch (a.option(1)) {
            case "FLUSH" -> {
                if (a.size() > 3 || a.size() == 3 && !a.is(2, "ASYNC") && !a.is(2, "SYNC")) {
                    throw new RespError(RespError.SYNTAX);
                }
                out.ok();
            }
            case "LIST" -> out.array(0);
            case "LOAD", "RESTORE", "FCALL" -> throw new RespError("ERR ShaleDB does not run server-side functions");
            default -> throw new RespError("ERR unknown subcommand '" + a.string(1) + "'. Try FUNCTION HELP.");
        }
    }
}

package io.shaledb.sql.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A user-defined function (PostgreSQL's {@code pg_proc} row): a name in a schema, typed
 * parameters, a result type ({@code "trigger"} for trigger functions), its language and body
 * text. The body is stored as written and compiled again when the function is first used after
 * a restart; it was checked when CREATE FUNCTION ran. Overloads differ in {@link #signature()}.
 *
 * @param id object id; stays when CREATE OR REPLACE changes the definition, so triggers keep it
 * @param name catalog name ({@code f} in public, {@code s.f} in schema s)
 * @param args parameters in order
 * @param returnType the result type's internal name ({@code int4}, {@code text}, ...) or {@code trigger}
 * @param returnLength the result type's modifier, -1 none
 * @param language {@code plpgsql} or {@code sql}
 * @param body the function body as written between the quotes
 * @param volatility {@code 'i'} immutable, {@code 's'} stable, {@code 'v'} volatile
 */
public record Function(int id, String name, List<Arg> args, String returnType, int returnLength, String language, String body,
                       char volatility) {

    /** A parameter: optional name, type's internal name and modifier, optional DEFAULT text. */
    public record Arg(String name, String type, int length, String defaultExpr) {}

    public Function {
        args = List.copyOf(args);
    }

    public boolean returnsTrigger() {
        return returnType.equals("trigger");
    }

    /** The catalog key text: {@code name(type,type)} with internal type names; overloads differ here. */
    public String signature() {
        return signature(name, args.stream().map(Arg::type).toList());
    }

    /** The key text of a function called {@code name} with parameters of the internal types {@code types}. */
    public static String signature(String name, List<String> types) {
        return name + "(" + String.join(",", types) + ")";
    }

    /** Whether {@code signature} belongs to a function called {@code name}. */
    public static boolean isNamed(String signature, String name) {
        return signature.startsWith(name + "(");
    }

    /** The parameter types as {@code name(integer, text)} shows them, with {@code display} naming each type. */
    public String display(java.util.function.Function<String, String> displayType) {
        return Catalog.bareName(name) + "(" + args.stream().map(a -> displayType.apply(a.type())).collect(Collectors.joining(", "))
                + ")";
    }
}

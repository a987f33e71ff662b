package io.shaledb.sql.plpgsql;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.ast.TypeName;
import io.shaledb.sql.catalog.Function;
import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.Executor;
import io.shaledb.sql.exec.Routines;
import io.shaledb.sql.exec.Types;
import io.shaledb.sql.types.SqlType;
import io.shaledb.sql.types.Values;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls of user-defined functions from SQL expressions: when no built-in function matches a
 * call, the binder asks here. A candidate has the call's name, is not a trigger function, takes
 * as many arguments (parameters with defaults may be left out) and each argument's type is the
 * parameter's or converts to it implicitly; the first candidate wins. The call runs the function
 * in the statement's transaction each time it is evaluated (no constant folding: functions may
 * read tables).
 */
public final class UserFunctions {
    private UserFunctions() {}

    /** The bound call of user function {@code name}, or null when no user function matches. */
    public static Bound bind(Executor executor, Transaction tx, String name, List<Bound> args, Routines.ArgBinder defaults, int pos) {
        if (tx == null) {
            return null;
        }
        int dot = name.indexOf('.');
        if (dot >= 0 && !executor.catalog().schemaExists(tx, name.substring(0, dot))) {
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.substring(0, dot) + "\" does not exist", pos + 1);
        }
        for (Function f : executor.catalog().functionsNamed(tx, name)) {
            if (f.returnsTrigger() || args.size() > f.args().size()) {
                continue;
            }
            List<Bound> full = match(f, args, defaults);
            if (full == null) {
                continue;
            }
            Types.Resolved result = RoutineDdl.returnType(f);
            List<SqlType> paramTypes = new ArrayList<>();
            List<Integer> paramLengths = new ArrayList<>();
            for (Function.Arg a : f.args()) {
                Types.Resolved t = Types.resolve(new TypeName(a.type(), a.length(), 0));
                paramTypes.add(t.type());
                paramLengths.add(t.maxLength());
            }
            List<SqlType> argTypes = full.stream().map(Bound::type).toList();
            return new Bound.Call(name, full, result.type(), false, values -> {
                Object[] converted = new Object[values.length];
                for (int i = 0; i < values.length; i++) {
                    converted[i] = Interpreter.convert(new Interpreter.Value(values[i], argTypes.get(i)), paramTypes.get(i),
                            paramLengths.get(i));
                }
                return new Interpreter(executor, tx).call(RoutineDdl.compiled(f), converted);
            });
        }
        return null;
    }

    private static List<Bound> match(Function f, List<Bound> args, Routines.ArgBinder defaults) {
        List<Bound> full = new ArrayList<>(args);
        for (int i = 0; i < f.args().size(); i++) {
            Function.Arg a = f.args().get(i);
            SqlType want = Types.resolve(new TypeName(a.type(), a.length(), 0)).type();
            if (i < args.size()) {
                SqlType have = args.get(i).type();
                if (have != want && have != SqlType.UNKNOWN && Values.castContext(have, want) != Values.CastContext.IMPLICIT) {
                    return null;
                }
                if (have == SqlType.UNKNOWN) {
                    full.set(i, defaults.coerce(args.get(i), i, want));
                }
            } else if (a.defaultExpr() == null) {
                return null;
            } else {
                try {
                    full.add(defaults.bind(a.defaultExpr()));
                } catch (SqlException e) {
                    throw new SqlException(SqlState.INVALID_FUNCTION_DEFINITION, "default of parameter " + (i + 1) + " of function "
                            + f.display(RoutineDdl::displayType) + " is invalid: " + e.getMessage());
                }
            }
        }
        return full;
    }
}

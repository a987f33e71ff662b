package io.shaledb.sql.exec;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.types.SqlType;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code current_setting(name [, missing_ok])} and {@code set_config(name, value, is_local)}: SHOW
 * and SET as functions, which drivers and ORMs call inside queries (pgjdbc and Hibernate read
 * {@code current_setting('server_version_num')}; row-level-security setups set a tenant with
 * {@code set_config('app.tenant', $1, true)}).
 *
 * <pre>
 *   Session.execute --with(settings)--&gt; [statement on this thread] --current_setting('x')--&gt; SessionSettings.currentSetting
 *                                                                  --set_config('x', v, local)--&gt; SessionSettings.setConfig
 * </pre>
 *
 * Both read the session's settings through a thread-local the session installs around each
 * statement, and both are volatile (never folded into a plan): set_config has an effect, and
 * current_setting must see it.
 */
final class SettingFunctions {
    private static final ThreadLocal<SessionSettings> CURRENT = new ThreadLocal<>();

    private SettingFunctions() {}

    /** Runs {@code body} with {@code settings} as the session settings the functions see. */
    static <T> T with(SessionSettings settings, Supplier<T> body) {
        SessionSettings previous = CURRENT.get();
        CURRENT.set(settings);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    static void registerAll() {
        Functions.register("current_setting", SqlType.TEXT, a -> settings().currentSetting((String) a[0], false), SqlType.TEXT);
        Functions.add(new Functions.Overload("current_setting", List.of(SqlType.TEXT, SqlType.BOOLEAN), null, SqlType.TEXT, false,
                a -> {
                    if (a[0] == null) {
                        return null;
                    }
                    return settings().currentSetting((String) a[0], Boolean.TRUE.equals(a[1]));
                }));
        Functions.add(new Functions.Overload("set_config", List.of(SqlType.TEXT, SqlType.TEXT, SqlType.BOOLEAN), null, SqlType.TEXT,
                false, a -> {
                    if (a[0] == null) {
                        throw new SqlException(SqlState.NULL_VALUE_NOT_ALLOWED, "SET requires parameter name");
                    }
                    return settings().setConfig((String) a[0], (String) a[1], Boolean.TRUE.equals(a[2]));
                }));
    }

    private static SessionSettings settings() {
        SessionSettings s = CURRENT.get();
        if (s == null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "settings functions need a session");
        }
        return s;
    }
}

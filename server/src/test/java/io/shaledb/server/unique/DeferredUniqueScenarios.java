package io.shaledb.server.unique;

import io.shaledb.server.scenario.IsolationScenarioSuite;
import java.util.List;

/**
 * DEFERRABLE UNIQUE constraints between concurrent sessions, at READ COMMITTED, REPEATABLE READ
 * and SERIALIZABLE (scripts in {@code src/test/resources/unique}): two transactions writing one
 * key must not both commit, an open inserter or deleter of the key is waited for, and each
 * transcript is PostgreSQL 15's (the suite's second factory runs the scripts on a throwaway
 * PostgreSQL). Run on each storage engine by {@link DeferredUniqueBTreeTest} and
 * {@link DeferredUniqueLsmTest}.
 */
abstract class DeferredUniqueScenarios extends IsolationScenarioSuite {
    @Override
    protected String resourceDir() {
        return "unique";
    }

    @Override
    protected List<String> scenarios() {
        return List.of("deferred-insert-insert", "deferred-commit-race", "immediate-insert-insert", "immediate-insert-rollback",
                "delete-insert");
    }
}

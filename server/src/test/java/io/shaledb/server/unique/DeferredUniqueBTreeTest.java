package io.shaledb.server.unique;

import io.shaledb.server.EngineKind;

/** {@link DeferredUniqueScenarios} with the tables in the B+Tree engine. */
class DeferredUniqueBTreeTest extends DeferredUniqueScenarios {
    @Override
    protected EngineKind engine() {
        return EngineKind.BTREE;
    }
}

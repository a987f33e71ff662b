package io.shaledb.server.unique;

import io.shaledb.server.EngineKind;

/** {@link DeferredUniqueScenarios} with the tables in the LSM engine. */
class DeferredUniqueLsmTest extends DeferredUniqueScenarios {
    @Override
    protected EngineKind engine() {
        return EngineKind.LSM;
    }
}

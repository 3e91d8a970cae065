package dev.ocs.core.charging;

import dev.ocs.core.Fixtures;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.memory.MemoryGrid;

/** The charging scenarios on the in-process grid. */
class MemoryChargingTest extends ChargingScenarios {

    @Override
    Grid newGrid() {
        return new MemoryGrid(Fixtures.policy());
    }
}

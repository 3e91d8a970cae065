package dev.ocs.core.charging;

import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.core.store.hazelcast.TestMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The charging scenarios on a real embedded Hazelcast member: entry processors, Compact values. */
class HazelcastChargingTest extends ChargingScenarios {

    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        member = TestMembers.start(TestMembers.newCluster(0), Fixtures.policy());
    }

    @AfterAll
    static void stopMember() {
        member.shutdown();
    }

    @Override
    Grid newGrid() {
        member.getMap(HazelcastGrid.ACCOUNTS).clear();
        member.getMap(HazelcastGrid.SUBSCRIBERS).clear();
        member.getMap(HazelcastGrid.SESSIONS).clear();
        return new HazelcastGrid(member, false, 3_600);
    }
}

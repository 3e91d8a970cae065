package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Session-Id bindings live as long as the session is open (idle expiry), and only the
 * retransmission window once it ended. Before this, ended sessions kept their binding for
 * validity + grace + window (16 minutes): at 5,000 sessions/s the grid filled with dead bindings.
 */
class SessionDirectoryTest {

    private static HazelcastInstance member;
    private static ChargingHarness h;

    @BeforeAll
    static void start() {
        member = TestMembers.start(TestMembers.newCluster(0), Fixtures.policy());
        h = new ChargingHarness(new HazelcastGrid(member, false, 960));
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    private static EntryView<Object, Object> binding(String session) {
        return member.getMap(HazelcastGrid.SESSIONS).getEntryView(session);
    }

    @Test
    void openSessionIsBoundUntilItFallsSilent() {
        SubscriberId sub = h.account("open", 5_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        EntryView<Object, Object> view = binding(s);
        assertEquals(960_000, view.getMaxIdle());
        assertTrue(view.getTtl() == 0 || view.getTtl() == Long.MAX_VALUE, "no fixed lifetime: " + view.getTtl());
    }

    @Test
    void terminatedSessionIsKeptOnlyForTheRetransmissionWindow() {
        SubscriberId sub = h.account("ended", 5_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        h.terminate(s, 1, ServiceUsage.report(RG_DATA, 10));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> binding(s).getTtl() == 60_000);
    }

    /**
     * Expired bindings must leave the member's memory without anyone reading them. With Hazelcast's
     * default cleaner (every 5 s, 10 % of a few partitions at a time) 20,000 expired entries were
     * still held 20 s after expiring; the grid's cleaner settings clear them within seconds.
     */
    @Test
    void expiredBindingsAreRemovedWithoutBeingRead() {
        var sessions = h.grid.sessions();
        var pending = new java.util.ArrayList<java.util.concurrent.CompletableFuture<Void>>();
        for (int i = 0; i < 20_000; i++) {
            pending.add(sessions.retire("expiring;" + i, "nobody", 3));
        }
        pending.forEach(java.util.concurrent.CompletableFuture::join);
        var map = member.getMap(HazelcastGrid.SESSIONS);
        assertTrue(map.getLocalMapStats().getOwnedEntryCount() >= 20_000);
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> map.getLocalMapStats().getOwnedEntryCount() < 100);
    }

    @Test
    void initialThatOpensNothingIsKeptOnlyForTheRetransmissionWindow() {
        SubscriberId sub = h.account("broke", 0);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> binding(s) != null && binding(s).getTtl() == 60_000);
    }
}

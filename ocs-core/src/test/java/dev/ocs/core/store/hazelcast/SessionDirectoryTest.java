package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import dev.ocs.core.Fixtures;
import dev.ocs.core.charging.ChargingHarness;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ocs.core.Fixtures.RG_DATA;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Session-Id bindings live as long as the session is open (idle expiry), and only the
 * retransmission window once it ended. Before this, ended sessions kept their binding for
 * validity + grace + window (16 minutes): at 5,000 sessions/s the grid filled with dead bindings.
 */
class SessionDirectoryTest {

    private static HazelcastInstance member;
    private static HazelcastGrid grid;
    private static ChargingHarness h;

    @BeforeAll
    static void start() {
        member = TestMembers.start(TestMembers.newCluster(0), Fixtures.policy());
        grid = new HazelcastGrid(member, false, 960);
        h = new ChargingHarness(grid);
    }

    @AfterAll
    static void stop() {
        grid.close();
        member.shutdown();
    }

    /** Reads a binding where its shard lives (a test processor: it runs in this JVM, never serialized). */
    record Peek(String sessionId) implements EntryProcessor<String, DirectoryShard, DirectoryShard.Binding>, ReadOnly {
        @Override
        public DirectoryShard.Binding process(Map.Entry<String, DirectoryShard> e) {
            List<DirectoryShard.Binding> found = new ArrayList<>();
            if (e.getValue() != null) {
                e.getValue().forEach(b -> {
                    if (b.sessionId().equals(sessionId)) {
                        found.add(b);
                    }
                });
            }
            return found.isEmpty() ? null : found.get(0);
        }

        @Override
        public EntryProcessor<String, DirectoryShard, DirectoryShard.Binding> getBackupProcessor() {
            return null;
        }
    }

    private static DirectoryShard.Binding binding(String session) {
        for (String key : PartitionKeys.of(member.getPartitionService())) {
            DirectoryShard.Binding b = member.<String, DirectoryShard>getMap(HazelcastGrid.SESSIONS).executeOnKey(key, new Peek(session));
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    @Test
    void openSessionIsBoundUntilItFallsSilent() {
        SubscriberId sub = h.account("open", 5_000);
        String s = ChargingHarness.newSessionId();
        long before = System.currentTimeMillis();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        DirectoryShard.Binding b = binding(s);
        assertEquals("open", b.accountId());
        assertFalse(b.ended());
        assertTrue(b.expiresAt() >= before + 960_000 && b.expiresAt() <= System.currentTimeMillis() + 960_000, "idle time " + b);
        assertEquals("open", grid.sessions().accountOf(s).join());
    }

    @Test
    void terminatedSessionIsKeptOnlyForTheRetransmissionWindow() {
        SubscriberId sub = h.account("ended", 5_000);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        long before = System.currentTimeMillis();
        h.terminate(s, 1, ServiceUsage.report(RG_DATA, 10));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> binding(s).ended()); // the retirement is not awaited
        DirectoryShard.Binding b = binding(s);
        assertTrue(b.expiresAt() >= before + 60_000 && b.expiresAt() <= System.currentTimeMillis() + 60_000, "window " + b);
        assertEquals("ended", grid.sessions().accountOf(s).join(), "a retransmitted TERMINATE still finds the account");
    }

    @Test
    void initialThatOpensNothingIsKeptOnlyForTheRetransmissionWindow() {
        SubscriberId sub = h.account("broke", 0);
        String s = ChargingHarness.newSessionId();
        h.initial(s, sub, ServiceUsage.ask(RG_DATA));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> binding(s) != null && binding(s).ended());
    }

    /**
     * Expired bindings must leave the member's memory without anyone reading them: the expiry pass visits
     * each shard this member owns every ten seconds.
     */
    @Test
    void expiredBindingsAreRemovedWithoutBeingRead() {
        var sessions = (ShardedSessions) grid.sessions();
        long before = sessions.size();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            pending.add(sessions.retire("expiring;" + i, "nobody", 3));
        }
        pending.forEach(CompletableFuture::join);
        assertTrue(sessions.size() >= before + 20_000);
        Awaitility.await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(500))
                .until(() -> sessions.size() < before + 100);
    }

    /** The directory's time is its own: with a clock of the test's, expiry happens exactly at the window's end. */
    @Test
    void aBindingIsAnsweredUntilTheMomentItExpiresAndNeverAfter() {
        AtomicLong now = new AtomicLong(Fixtures.START);
        // a map of its own: the grid's expiry pass goes by the real time
        try (ShardedSessions sessions = new ShardedSessions(member, member.getMap("directory-clock-test"), 100, now::get)) {
            sessions.bind("open;1", "acc-1").join();
            sessions.retire("ended;1", "acc-2", 60).join();
            now.addAndGet(59_999);
            assertEquals("acc-1", sessions.accountOf("open;1").join());
            assertEquals("acc-2", sessions.accountOf("ended;1").join());
            now.addAndGet(1);
            assertNull(sessions.accountOf("ended;1").join(), "the window is over");
            now.addAndGet(99_998);
            assertEquals("acc-1", sessions.accountOf("open;1").join(), "looked up 99.999 s ago, within its idle time");
            now.addAndGet(100_000);
            assertNull(sessions.accountOf("open;1").join(), "silent for its idle time");
        }
    }
}

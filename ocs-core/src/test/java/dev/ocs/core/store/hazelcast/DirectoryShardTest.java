package dev.ocs.core.store.hazelcast;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** One partition's share of the session directory: bindings without objects of their own. */
class DirectoryShardTest {

    private static final long T0 = 1_780_000_000_000L;
    private static final long IDLE = 960_000;

    @Test
    void aLookUpFindsWhatWasBoundAndNothingElse() {
        DirectoryShard shard = new DirectoryShard();
        shard.bind("pgw.example;1;1", "acc-1", T0 + IDLE, false);
        shard.bind("pgw.example;1;2", "acc-2", T0 + IDLE, false);
        assertEquals("acc-1", shard.lookUp("pgw.example;1;1", T0, IDLE));
        assertEquals("acc-2", shard.lookUp("pgw.example;1;2", T0, IDLE));
        assertNull(shard.lookUp("pgw.example;1;3", T0, IDLE));
        assertNull(shard.lookUp("pgw.example;1;", T0, IDLE), "a prefix of a bound id is another id");
        assertNull(shard.lookUp("pgw.example;1;11", T0, IDLE));
        assertEquals(2, shard.size());
    }

    @Test
    void anOpenBindingLivesAsLongAsItIsLookedUpAndExpiresOnceSilent() {
        DirectoryShard shard = new DirectoryShard();
        shard.bind("s", "acc", T0 + IDLE, false);
        assertEquals("acc", shard.lookUp("s", T0 + IDLE - 1, IDLE));
        assertTrue(shard.lookUpChanged(), "the idle time started again");
        assertEquals("acc", shard.lookUp("s", T0 + 2 * IDLE - 2, IDLE), "still bound: looked up within its idle time");
        assertNull(shard.lookUp("s", T0 + 3 * IDLE, IDLE), "silent for longer than its idle time");
        assertTrue(shard.lookUpChanged(), "the expired binding was removed");
        assertEquals(0, shard.size());
    }

    @Test
    void anEndedBindingExpiresAtTheEndOfItsWindowHoweverOftenItIsLookedUp() {
        DirectoryShard shard = new DirectoryShard();
        shard.bind("s", "acc", T0 + IDLE, false);
        shard.bind("s", "acc", T0 + 60_000, true); // the session ended: the retransmission window
        assertEquals("acc", shard.lookUp("s", T0 + 59_999, IDLE));
        assertFalse(shard.lookUpChanged(), "an ended binding's expiry does not move");
        assertNull(shard.lookUp("s", T0 + 60_000, IDLE));
    }

    @Test
    void bindingASessionAgainMovesItToTheAccountNamed() {
        DirectoryShard shard = new DirectoryShard();
        shard.bind("s", "acc-old", T0 + IDLE, false);
        shard.bind("s", "acc-new", T0 + IDLE, false);
        assertEquals("acc-new", shard.lookUp("s", T0, IDLE));
        assertEquals(1, shard.size());
    }

    @Test
    void expiryRemovesWhatExpiredAndKeepsTheRest() {
        DirectoryShard shard = new DirectoryShard();
        for (int i = 0; i < 1_000; i++) {
            shard.bind("s" + i, "acc-" + i, T0 + (i % 2 == 0 ? 1_000 : IDLE), i % 2 == 0);
        }
        assertEquals(500, shard.expire(T0 + 1_000));
        assertEquals(500, shard.size());
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i % 2 == 0 ? null : "acc-" + i, shard.lookUp("s" + i, T0 + 2_000, IDLE), "s" + i);
        }
        int arenaAtPeak = shard.arenaUsed();
        assertEquals(500, shard.expire(T0 + 2 * IDLE));
        assertEquals(0, shard.size());
        assertTrue(shard.arenaLength() < arenaAtPeak / 8, "the burst's arena was given back: " + shard.arenaLength());
        shard.bind("again", "acc", T0 + IDLE, false);
        assertEquals("acc", shard.lookUp("again", T0, IDLE), "an emptied, shrunk shard binds again");
    }

    /**
     * Random binds, rebinds, look-ups and expiry passes against a plain map of the same bindings: removal by
     * shifting back, growth, shrinking and the arena's compaction keep every binding findable and no other.
     */
    @Test
    void manyBindingsChangedInAnyOrderMatchAPlainMap() {
        Random random = new Random(12);
        DirectoryShard shard = new DirectoryShard();
        Map<String, DirectoryShard.Binding> model = new HashMap<>();
        long now = T0;
        for (int step = 0; step < 200_000; step++) {
            now += random.nextInt(3);
            String session = "pgw-" + random.nextInt(4) + ".example;" + random.nextInt(3_000) + ";" + random.nextInt(5);
            int op = random.nextInt(10);
            if (op < 5) {
                String account = "acc-" + random.nextInt(20_000);
                boolean ended = random.nextBoolean();
                long until = now + 1 + random.nextInt(ended ? 500 : 2_000);
                shard.bind(session, account, until, ended);
                model.put(session, new DirectoryShard.Binding(session, account, until, ended));
            } else if (op < 9) {
                DirectoryShard.Binding b = model.get(session);
                String expected = null;
                if (b != null && b.expiresAt() <= now) {
                    model.remove(session);
                } else if (b != null) {
                    expected = b.accountId();
                    if (!b.ended()) {
                        model.put(session, new DirectoryShard.Binding(session, b.accountId(), now + 2_000, false));
                    }
                }
                assertEquals(expected, shard.lookUp(session, now, 2_000), "step " + step + ": " + session);
            } else {
                long at = now;
                int expired = (int) model.values().stream().filter(b -> b.expiresAt() <= at).count();
                model.values().removeIf(b -> b.expiresAt() <= at);
                assertEquals(expired, shard.expire(now), "step " + step);
            }
            assertEquals(model.size(), shard.size(), "step " + step);
        }
        List<DirectoryShard.Binding> all = new ArrayList<>();
        shard.forEach(all::add);
        assertEquals(model.size(), all.size());
        for (DirectoryShard.Binding b : all) {
            assertEquals(model.get(b.sessionId()), b);
        }
        int live = model.values().stream().mapToInt(b -> b.sessionId().length() + b.accountId().length()).sum();
        // 200,000 binds wrote millions of characters: what was dropped went at the compactions
        assertTrue(shard.arenaUsed() <= 8 * live + 1_024, "arena " + shard.arenaUsed() + " for " + live + " live characters");
    }
}

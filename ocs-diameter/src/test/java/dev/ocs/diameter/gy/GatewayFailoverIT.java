package dev.ocs.diameter.gy;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.core.store.hazelcast.HazelcastGrid;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ocs.diameter.wire.Ccr.*;
import static dev.ocs.diameter.wire.DiameterMessage.FLAG_T;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A gateway connected to two OCS nodes of one grid moves to the second when the first goes away: the
 * request it never got an answer to is retransmitted there (T flag) and answered alike, charged once;
 * with one node killed under load, every session goes on on the other within seconds, and each account
 * is charged exactly what its sessions reported, the ledger audit clean.
 */
class GatewayFailoverIT {

    @Test
    void aRetransmissionOnTheOtherNodeIsAnsweredAlikeAndChargedOnce() throws Exception {
        int[] grid = {TestServer.freePort(), TestServer.freePort()};
        TestServer a = TestServer.member("ocs-it-failover-" + grid[0], grid, 0);
        try (TestServer b = TestServer.member("ocs-it-failover-" + grid[0], grid, 1)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.core().grid().members() == 2);
            b.core().provisioning().create("fo-1", List.of(SubscriberId.msisdn("491707760001")), 100_000);
            String s = "pgw.test.localdomain;failover;1";
            DiameterMessage lost;
            DiameterMessage[] lostAnswer = new DiameterMessage[1];
            try (RawGateway onA = new RawGateway(a.port)) {
                assertEquals(2001, onA.capabilities().avp(268).u32());
                assertEquals(2001, onA.exchange(Ccr.of(s, INITIAL, 0, "491707760001", Ccr.mscc(1, true, -1))).avp(268).u32());
                assertEquals(2001, onA.exchange(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 10_000))).avp(268).u32());
                lost = Ccr.of(s, UPDATE, 2, null, Ccr.mscc(1, true, 20_000));
                lostAnswer[0] = onA.exchange(lost); // charged on A; the gateway never sees this answer
                assertEquals(2001, lostAnswer[0].avp(268).u32());
            }
            a.stop(); // the first node goes away; its accounts' copies on B take over
            await().atMost(Duration.ofSeconds(30)).until(() -> b.core().grid().members() == 1);
            try (RawGateway onB = new RawGateway(b.port)) {
                assertEquals(2001, onB.capabilities().avp(268).u32());
                dev.ocs.core.domain.Account before = b.core().grid().accounts().get("fo-1");
                lost.flags |= FLAG_T;
                DiameterMessage again = onB.send(lost);
                assertEquals(2001, again.avp(268).u32());
                assertEquals(granted(lostAnswer[0]), granted(again), "the same grant as the lost answer");
                dev.ocs.core.domain.Account after = b.core().grid().accounts().get("fo-1");
                assertEquals(before.balance(), after.balance(), "charged once");
                assertEquals(before.freeMoney(), after.freeMoney(), "reserved once");
                assertEquals(2001, onB.exchange(Ccr.of(s, TERMINATION, 3, null, Ccr.mscc(1, false, 5_000))).avp(268).u32());
            }
            assertEquals(100_000 - 35, b.core().grid().accounts().get("fo-1").balance());
            assertAudited(b, a);
        } finally {
            a.close();
        }
    }

    /** The survivor's accounts against the CDRs both nodes wrote (after the survivor exported what is pending). */
    private static void assertAudited(TestServer survivor, TestServer gone) throws Exception {
        survivor.core().exporter().exportAndAudit();
        assertEquals(List.of(), LedgerAudit.audit(survivor.core().grid().accounts(), List.of(gone.cdrFiles(), survivor.cdrFiles())));
    }

    @Test
    void killingOneOfTwoNodesUnderLoadLosesNothing() throws Exception {
        int[] grid = {TestServer.freePort(), TestServer.freePort()};
        TestServer a = TestServer.member("ocs-it-kill-" + grid[0], grid, 0);
        try (TestServer b = TestServer.member("ocs-it-kill-" + grid[0], grid, 1)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.core().grid().members() == 2);
            int accounts = 20;
            // a node killed before its accounts have backups loses them (memory only here): the operator's rule too
            await().atMost(Duration.ofSeconds(30)).until(() -> a.core().grid().backupsInSync() && b.core().grid().backupsInSync());
            long opening = 1_000_000;
            Map<String, AtomicLong> charged = new ConcurrentHashMap<>();
            for (int i = 0; i < accounts; i++) {
                b.core().provisioning().create("kill-" + i, List.of(SubscriberId.msisdn(String.valueOf(491707750000L + i))), opening);
                charged.put("kill-" + i, new AtomicLong());
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong killedAt = new AtomicLong();
            List<Long> resumedAfterMillis = new CopyOnWriteArrayList<>();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> gateways = new ArrayList<>();
            for (int g = 0; g < 4; g++) {
                int gateway = g;
                gateways.add(Thread.ofPlatform().start(() -> {
                    try {
                        new FailingOverGateway("pgw" + gateway + ".test.localdomain", gateway % 2 == 0 ? a.port : b.port, b.port,
                                killedAt, resumedAfterMillis).run(running, gateway, accounts, charged);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            Thread.sleep(2_000);
            killedAt.set(System.nanoTime());
            ((HazelcastGrid) a.core().grid()).instance().getLifecycleService().terminate(); // no goodbye, no handover
            a.stop();
            Thread.sleep(4_000);
            running.set(false);
            for (Thread t : gateways) {
                t.join(60_000);
            }
            assertEquals(List.of(), failures);
            System.out.println("GatewayFailoverIT: sessions went on after (ms) " + resumedAfterMillis);
            assertFalse(resumedAfterMillis.isEmpty(), "sessions on the killed node moved over");
            for (long ms : resumedAfterMillis) {
                assertTrue(ms < 10_000, "a session went on after " + ms + " ms");
            }
            for (int i = 0; i < accounts; i++) {
                String id = "kill-" + i;
                assertEquals(opening - charged.get(id).get(), b.core().grid().accounts().get(id).balance(), id);
            }
            assertAudited(b, a);
        } finally {
            a.close();
        }
    }

    /** A gateway running sessions I, U, T on one node; when the node stops answering it moves to the other and retransmits. */
    private static final class FailingOverGateway {
        private final String host;
        private final int standbyPort;
        private final AtomicLong killedAt;
        private final List<Long> resumed;
        private RawGateway gw;
        private boolean movedOver;

        FailingOverGateway(String host, int port, int standbyPort, AtomicLong killedAt, List<Long> resumed) throws IOException {
            this.host = host;
            this.standbyPort = standbyPort;
            this.killedAt = killedAt;
            this.resumed = resumed;
            gw = new RawGateway(port, host);
            assertEquals(2001, gw.capabilities().avp(268).u32());
        }

        void run(AtomicBoolean running, int gateway, int accounts, Map<String, AtomicLong> charged) throws IOException {
            for (int n = 0; running.get(); n++) {
                int account = (gateway + n * 4) % accounts;
                String s = host + ";" + n;
                DiameterMessage i = send(Ccr.of(s, INITIAL, 0, String.valueOf(491707750000L + account), Ccr.mscc(1, true, -1)));
                assertEquals(2001, i.avp(268).u32(), "INITIAL " + s);
                send(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 3_000)));
                send(Ccr.of(s, TERMINATION, 2, null, Ccr.mscc(1, false, 1_500)));
                charged.get("kill-" + account).addAndGet(5); // 4,500 octets: 5 started kB, once per session
            }
            gw.close();
        }

        /**
         * Sends a request. If the node is gone, moves to the standby and retransmits it there (T flag); a 3004
         * (the grid taking over a lost member's accounts) is retransmitted after a pause, as a gateway does.
         */
        private DiameterMessage send(DiameterMessage request) throws IOException {
            boolean retried = false;
            long deadline = System.nanoTime() + 20_000_000_000L;
            DiameterMessage answer = null;
            while (System.nanoTime() < deadline) {
                boolean moveOver;
                try {
                    answer = retried ? gw.send(request) : gw.exchange(request);
                    if (answer.avp(268) == null || answer.avp(268).u32() != 3004) {
                        break;
                    }
                    moveOver = !movedOver; // 3004: RFC 6733 7.1.3, try an alternate peer
                } catch (IOException e) {
                    if (movedOver) {
                        throw e;
                    }
                    moveOver = true;
                }
                if (moveOver) {
                    movedOver = true;
                    gw.close();
                    gw = new RawGateway(standbyPort, host);
                    assertEquals(2001, gw.capabilities().avp(268).u32());
                } else {
                    sleep(100); // the standby itself is taking over the lost member's accounts
                }
                request.flags |= FLAG_T;
                retried = true;
            }
            if (retried && killedAt.get() != 0) {
                resumed.add((System.nanoTime() - killedAt.get()) / 1_000_000);
            }
            return answer;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long granted(DiameterMessage answer) {
        DiameterMessage.Avp gsu = answer.all(456).get(0).child(431);
        return gsu == null ? 0 : gsu.child(421).u64();
    }
}

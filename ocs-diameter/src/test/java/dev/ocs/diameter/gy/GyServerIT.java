package dev.ocs.diameter.gy;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.ledger.LedgerAudit;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ocs.diameter.wire.Ccr.*;
import static dev.ocs.diameter.wire.DiameterMessage.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The Gy server over real TCP on loopback, spoken to by a gateway written byte by byte from the
 * RFCs (no jdiameter on the client side): capabilities, sessions, exhaustion, events, errors.
 */
class GyServerIT {

    private static TestServer server;
    private static final AtomicInteger SUBSCRIBERS = new AtomicInteger();
    private RawGateway gw;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        gw = new RawGateway(server.port);
        DiameterMessage cea = gw.capabilities();
        assertEquals(2001, cea.avp(268).u32());
    }

    @AfterEach
    void disconnect() throws Exception {
        gw.close();
        server.core().exporter().exportPending();
        assertEquals(List.of(), LedgerAudit.audit(server.core().grid().accounts(), server.cdrFiles()));
    }

    /** A new account with one MSISDN; answers the MSISDN. */
    private static String account(String id, long balance) {
        String msisdn = String.valueOf(491709000000L + SUBSCRIBERS.incrementAndGet());
        server.core().provisioning().create(id, List.of(SubscriberId.msisdn(msisdn)), balance);
        return msisdn;
    }

    private static String session() {
        return "pgw.test.localdomain;" + System.nanoTime() + ";" + SUBSCRIBERS.incrementAndGet();
    }

    private static DiameterMessage.Avp mscc(DiameterMessage answer, long ratingGroup) {
        for (DiameterMessage.Avp m : answer.all(456)) {
            if (m.child(432).u32() == ratingGroup) {
                return m;
            }
        }
        fail("no MSCC for rating group " + ratingGroup);
        return null;
    }

    private static long granted(DiameterMessage.Avp mscc) {
        DiameterMessage.Avp gsu = mscc.child(431);
        return gsu == null ? 0 : gsu.child(421).u64();
    }

    @Test
    void capabilitiesAdvertiseCreditControl() throws Exception {
        try (RawGateway other = new RawGateway(server.port, "pgw2.test.localdomain")) {
            DiameterMessage cea = other.capabilities();
            assertEquals(257, cea.command);
            assertEquals("ocs.localdomain", cea.avp(264).text());
            assertEquals("localdomain", cea.avp(296).text());
            assertTrue(cea.all(258).stream().anyMatch(a -> a.u32() == 4), "Auth-Application-Id 4");
            assertTrue(cea.all(260).stream().anyMatch(v -> v.child(266).u32() == 10415 && v.child(258).u32() == 4),
                    "Vendor-Specific-Application-Id {10415, 4}");
        }
    }

    @Test
    void fullSessionChargesExactlyWhatWasUsed() throws Exception {
        String msisdn = account("full", 10_000);
        String s = session();
        DiameterMessage cca = gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(1, true, -1)));
        assertEquals(2001, cca.avp(268).u32());
        assertEquals(s, cca.avp(263).text());
        assertEquals(1, cca.avp(416).u32());
        assertEquals(0, cca.avp(415).u32());
        assertEquals(4, cca.avp(258).u32());
        assertEquals("ocs.localdomain", cca.avp(264).text());
        DiameterMessage.Avp m = mscc(cca, 1);
        assertEquals(2001, m.child(268).u32());
        assertEquals(1_000_000, granted(m));
        assertEquals(600, m.child(448).u32());
        DiameterMessage.Avp threshold = m.child(869);
        assertNotNull(threshold, "Volume-Quota-Threshold");
        assertEquals(10415, threshold.vendor);
        assertEquals(200_000, threshold.u32());
        assertNull(m.child(430), "no FUI while credit remains");

        assertEquals(2001, gw.exchange(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 400_000))).avp(268).u32());
        assertEquals(2001, gw.exchange(Ccr.of(s, UPDATE, 2, null, Ccr.mscc(1, true, 1_000_000))).avp(268).u32());
        DiameterMessage t = gw.exchange(Ccr.of(s, TERMINATION, 3, null, Ccr.mscc(1, false, 123_456)));
        assertEquals(2001, t.avp(268).u32());
        Account a = server.core().grid().accounts().get("full");
        assertEquals(10_000 - 400 - 1_000 - 124, a.balance());
        assertEquals(a.balance(), a.freeMoney());
    }

    @Test
    void exhaustionGivesFinalUnitsThenCreditLimitReached() throws Exception {
        String msisdn = account("poor", 1_500);
        String s = session();
        DiameterMessage.Avp first = mscc(gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(1, true, -1))), 1);
        assertEquals(1_000_000, granted(first));
        assertNull(first.child(430));
        DiameterMessage.Avp last = mscc(gw.exchange(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 1_000_000))), 1);
        assertEquals(500_000, granted(last), "the grant shrinks to what is left");
        DiameterMessage.Avp fui = last.child(430);
        assertNotNull(fui, "Final-Unit-Indication on the last grant");
        assertEquals(0, fui.child(449).u32(), "TERMINATE");
        DiameterMessage out = gw.exchange(Ccr.of(s, UPDATE, 2, null, Ccr.mscc(1, true, 500_000)));
        assertEquals(2001, out.avp(268).u32(), "top level 2001: the session stays open, to be re-authorised");
        assertEquals(4012, mscc(out, 1).child(268).u32(), "out of credit is said in the MSCC");
        gw.exchange(Ccr.of(s, TERMINATION, 3, null, Ccr.mscc(1, false, 0)));
        assertEquals(0, server.core().grid().accounts().get("poor").balance());
    }

    @Test
    void severalRatingGroupsOneOutOfCredit() throws Exception {
        String msisdn = account("mixed", 0);
        DiameterMessage cca = gw.exchange(Ccr.of(session(), INITIAL, 0, msisdn, Ccr.mscc(1, true, -1), Ccr.mscc(2, true, -1)));
        assertEquals(2001, cca.avp(268).u32());
        assertEquals(4012, mscc(cca, 1).child(268).u32());
        assertEquals(2001, mscc(cca, 2).child(268).u32());
        assertEquals(1_000_000, granted(mscc(cca, 2)));
    }

    @Test
    void unknownSubscriberIsUserUnknown() throws Exception {
        DiameterMessage cca = gw.exchange(Ccr.of(session(), INITIAL, 0, "4915100000001", Ccr.mscc(1, true, -1)));
        assertEquals(5030, cca.avp(268).u32());
    }

    @Test
    void barredAccountIsServiceDenied() throws Exception {
        String msisdn = account("barred", 5_000);
        server.core().provisioning().setStatus("barred", AccountStatus.BARRED);
        assertEquals(4010, gw.exchange(Ccr.of(session(), INITIAL, 0, msisdn, Ccr.mscc(1, true, -1))).avp(268).u32());
    }

    @Test
    void updateOfUnknownSessionIsUnknownSessionId() throws Exception {
        DiameterMessage cca = gw.exchange(Ccr.of(session(), UPDATE, 1, null, Ccr.mscc(1, true, 10)));
        assertEquals(5002, cca.avp(268).u32());
        assertEquals(2, cca.avp(416).u32(), "CC-Request-Type echoed even on 5002");
    }

    @Test
    void eventDebitAndRefund() throws Exception {
        String msisdn = account("events", 5_000);
        DiameterMessage debit = gw.exchange(Ccr.of(session(), EVENT, 0, msisdn, Ccr.units(1, 2_000_000))
                .add(u32(436, 0)));
        assertEquals(2001, debit.avp(268).u32());
        DiameterMessage.Avp cost = mscc(debit, 1).child(423);
        assertEquals(2_000, cost.child(445).child(447).u64());
        assertEquals(978, cost.child(425).u32(), "EUR");
        DiameterMessage refund = gw.exchange(Ccr.of(session(), EVENT, 0, msisdn, Ccr.units(1, 500_000)).add(u32(436, 1)));
        assertEquals(2001, refund.avp(268).u32());
        assertEquals(5_000 - 2_000 + 500, server.core().grid().accounts().get("events").balance());
    }

    @Test
    void retransmittedUpdateIsAnsweredAlikeAndNotChargedTwice() throws Exception {
        String msisdn = account("retransmit", 10_000);
        String s = session();
        gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(1, true, -1)));
        DiameterMessage update = Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 300_000));
        DiameterMessage first = gw.exchange(update);
        long balance = server.core().grid().accounts().get("retransmit").balance();
        update.flags |= FLAG_T;
        DiameterMessage again = gw.send(update);
        assertEquals(first.avp(268).u32(), again.avp(268).u32());
        assertEquals(0, again.flags & FLAG_T, "RFC 6733 3: the T flag is never set in an answer");
        assertEquals(granted(mscc(first, 1)), granted(mscc(again, 1)));
        assertEquals(balance, server.core().grid().accounts().get("retransmit").balance());
        assertEquals(10_000 - 300, balance);
    }

    @Test
    void retransmissionOnAnotherConnectionIsAnsweredAlike() throws Exception {
        String msisdn = account("failover", 10_000);
        String s = session();
        gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(1, true, -1)));
        DiameterMessage update = Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 250_000));
        DiameterMessage first = gw.exchange(update);
        try (RawGateway standby = new RawGateway(server.port, "pgw-standby.test.localdomain")) {
            assertEquals(2001, standby.capabilities().avp(268).u32());
            update.flags |= FLAG_T;
            DiameterMessage again = standby.exchange(update);
            assertEquals(first.avp(268).u32(), again.avp(268).u32());
            assertEquals(granted(mscc(first, 1)), granted(mscc(again, 1)));
        }
        assertEquals(10_000 - 250, server.core().grid().accounts().get("failover").balance());
    }

    @Test
    void anUnknownAvpWithTheMBitIsAnsweredAvpUnsupportedAndChargesNothing() throws Exception {
        String msisdn = account("strict", 10_000);
        DiameterMessage top = Ccr.of(session(), INITIAL, 0, msisdn, Ccr.mscc(1, true, -1));
        top.add(new DiameterMessage.Avp(99_999, 0x40, 0, new byte[] {0, 0, 0, 7}));
        DiameterMessage answer = gw.exchange(top);
        assertEquals(5001, answer.avp(268).u32(), "RFC 6733 7.5 DIAMETER_AVP_UNSUPPORTED");
        assertEquals(99_999, answer.avp(279).group().get(0).code, "Failed-AVP carries it");
        DiameterMessage nested = Ccr.of(session(), INITIAL, 0, msisdn,
                grouped(456, grouped(437), u32(432, 1), new DiameterMessage.Avp(99_998, 0x40, 0, new byte[4])));
        DiameterMessage answer2 = gw.exchange(nested);
        assertEquals(5001, answer2.avp(268).u32(), "inside an MSCC too");
        assertEquals(99_998, answer2.avp(279).group().get(0).code);
        DiameterMessage optional = Ccr.of(session(), INITIAL, 0, msisdn, Ccr.mscc(1, true, -1));
        optional.add(new DiameterMessage.Avp(99_997, 0, 0, new byte[4]));
        assertEquals(2001, gw.exchange(optional).avp(268).u32(), "without the M bit it is ignored");
        Account a = server.core().grid().accounts().get("strict");
        assertEquals(1, a.sessions().size(), "only the last one opened a session");
    }

    @Test
    void aSingleServiceSessionIsChargedUnderTheConfiguredRatingGroup() throws Exception {
        String msisdn = account("single", 10_000);
        String s = session();
        DiameterMessage init = Ccr.of(s, INITIAL, 0, msisdn);
        init.avps.removeIf(a -> a.code == 455); // no Multiple-Services-Indicator: units at command level
        init.add(grouped(437));
        DiameterMessage cca = gw.exchange(init);
        assertEquals(2001, cca.avp(268).u32());
        assertNull(cca.avp(456), "no MSCC in a single-service answer");
        assertEquals(1_000_000, cca.avp(431).child(421).u64(), "Granted-Service-Unit at command level");
        assertNotNull(cca.avp(448), "Validity-Time at command level");
        DiameterMessage update = Ccr.of(s, UPDATE, 1, null);
        update.avps.removeIf(a -> a.code == 455);
        update.add(grouped(437), grouped(446, u64(421, 300_000)));
        assertEquals(2001, gw.exchange(update).avp(268).u32());
        DiameterMessage end = Ccr.of(s, TERMINATION, 2, null);
        end.avps.removeIf(a -> a.code == 455);
        end.add(grouped(446, u64(421, 200_000)));
        assertEquals(2001, gw.exchange(end).avp(268).u32());
        assertEquals(10_000 - 500, server.core().grid().accounts().get("single").balance(),
                "500,000 octets at 1 per started 1,000 (it was answered 2001 and charged nothing before)");
    }

    @Test
    void aTimeTariffGrantsAndChargesCcTime() throws Exception {
        String msisdn = account("pass", 1_000);
        String s = session();
        DiameterMessage first = gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(5, true, -1)));
        DiameterMessage.Avp m = mscc(first, 5);
        assertEquals(600, m.child(431).child(420).u32(), "Granted-Service-Unit in CC-Time");
        assertNull(m.child(431).child(421), "no octets");
        assertEquals(120, m.child(868).u32(), "Time-Quota-Threshold, 20 % of the grant");
        DiameterMessage next = gw.exchange(Ccr.of(s, UPDATE, 1, null,
                grouped(456, grouped(437), grouped(446, u32(420, 61)), u32(432, 5))));
        assertEquals(600, mscc(next, 5).child(431).child(420).u32());
        DiameterMessage octets = gw.exchange(Ccr.of(s, UPDATE, 2, null,
                grouped(456, grouped(446, u64(421, 5_000)), u32(432, 5))));
        assertEquals(5031, octets.avp(268).u32(), "octets for a group priced per second");
        gw.exchange(Ccr.of(s, TERMINATION, 2, null, grouped(456, grouped(446, u32(420, 59)), u32(432, 5))));
        assertEquals(1_000 - 4, server.core().grid().accounts().get("pass").balance(),
                "120 seconds in all: two started minutes at 2");
    }

    @Test
    void usageReportedInTimeOnlyIsRatingFailedNotZeroOctets() throws Exception {
        String msisdn = account("timed", 10_000);
        String s = session();
        assertEquals(2001, gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(1, true, -1))).avp(268).u32());
        long held = server.core().grid().accounts().get("timed").heldMoney();
        DiameterMessage timeOnly = Ccr.of(s, UPDATE, 1, null, grouped(456, grouped(437), grouped(446, u32(420, 600)), u32(432, 1)));
        DiameterMessage answer = gw.exchange(timeOnly);
        assertEquals(5031, answer.avp(268).u32(), "a unit no tariff prices (it was 2001 with the reservation released)");
        assertEquals(420, answer.avp(279).group().get(0).code, "Failed-AVP: CC-Time");
        Account a = server.core().grid().accounts().get("timed");
        assertEquals(held, a.heldMoney(), "the reservation still stands");
        assertEquals(10_000, a.balance());
        gw.exchange(Ccr.of(s, TERMINATION, 1, null, Ccr.mscc(1, false, 1_000)));
    }

    @Test
    void missingRequestTypeIsMissingAvpAndTheConnectionStaysUsable() throws Exception {
        DiameterMessage bad = Ccr.of(session(), INITIAL, 0, "491700000000", Ccr.mscc(1, true, -1));
        bad.avps.removeIf(a -> a.code == 416);
        DiameterMessage answer = gw.exchange(bad);
        assertEquals(5005, answer.avp(268).u32());
        DiameterMessage.Avp failed = answer.avp(279);
        assertNotNull(failed, "Failed-AVP");
        assertEquals(416, failed.group().get(0).code);
        assertEquals(2001, gw.watchdog().avp(268).u32(), "DWR still answered");
    }

    @Test
    void aReportOf2To62OctetsIsInvalidAvpValueAndChargesNothing() throws Exception {
        String msisdn = account("absurd", 100_000_000);
        String s = session();
        assertEquals(2001, gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, Ccr.mscc(1, true, -1))).avp(268).u32());
        long before = server.core().grid().accounts().get("absurd").balance();
        DiameterMessage answer = gw.exchange(Ccr.of(s, UPDATE, 1, null, Ccr.mscc(1, true, 1L << 62)));
        assertEquals(5004, answer.avp(268).u32());
        assertEquals(446, answer.avp(279).group().get(0).code, "Failed-AVP names the Used-Service-Unit");
        assertEquals(before, server.core().grid().accounts().get("absurd").balance(), "nothing charged");
        assertEquals(2001, gw.exchange(Ccr.of(s, TERMINATION, 1, null, Ccr.mscc(1, false, 0))).avp(268).u32());
    }

    @Test
    void reportsWhoseSumOverflowsAreInvalidAvpValueNotAnInternalError() throws Exception {
        String msisdn = account("overflow", 1_000);
        String s = session();
        DiameterMessage.Avp twice = DiameterMessage.grouped(456, DiameterMessage.grouped(446, DiameterMessage.u64(421, Long.MAX_VALUE - 5)),
                DiameterMessage.grouped(446, DiameterMessage.u64(421, Long.MAX_VALUE - 5)), DiameterMessage.u32(432, 1));
        DiameterMessage answer = gw.exchange(Ccr.of(s, INITIAL, 0, msisdn, twice));
        assertEquals(5004, answer.avp(268).u32(), "was 5012 with a stack trace per request");
        assertEquals(1_000, server.core().grid().accounts().get("overflow").balance());
    }

    @Test
    void malformedSubscriberIsInvalidAvpValue() throws Exception {
        DiameterMessage answer = gw.exchange(Ccr.of(session(), INITIAL, 0, "49abc", Ccr.mscc(1, true, -1)));
        assertEquals(5004, answer.avp(268).u32());
        assertEquals(443, answer.avp(279).group().get(0).code);
    }
}

package dev.ocs.client.sim;

import dev.ocs.client.gy.Answer;
import dev.ocs.client.gy.CcRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The simulated gateway session: what it sends after each answer, and what it expects to be charged. */
class SimSessionTest {

    private static Answer ok(long rg, long granted, boolean finalUnit) {
        return new Answer(272, 1, 2001, 0, List.of(new Answer.Grant(rg, granted, 2001, finalUnit)));
    }

    private static Answer noQuota(long rg) {
        return new Answer(272, 1, 2001, 0, List.of(new Answer.Grant(rg, 0, 4012, false)));
    }

    @Test
    void initialAsksEveryRatingGroupAndReportsNothing() {
        SimSession s = new SimSession("s1", "491790000001", new SessionShape(2, 1_000, List.of(1L, 4L)));
        CcRequest i = s.next();
        assertEquals(CcRequest.Type.INITIAL, i.type());
        assertEquals(0, i.number());
        assertEquals(List.of(new CcRequest.Mscc(1, true, -1), new CcRequest.Mscc(4, true, -1)), i.services());
        assertEquals(SimSession.State.WAIT_INITIAL, s.state());
        assertThrows(IllegalStateException.class, s::next, "one request in flight at a time");
    }

    @Test
    void updatesReportUsageCappedByTheGrantThenTerminateAfterTheShapesUpdates() {
        SimSession s = new SimSession("s1", "491790000001", new SessionShape(2, 1_000, List.of(1L)));
        s.next();
        s.onAnswer(ok(1, 600, false));
        CcRequest u1 = s.next();
        assertEquals(CcRequest.Type.UPDATE, u1.type());
        assertEquals(new CcRequest.Mscc(1, true, 600), u1.services().get(0), "never more than granted");
        s.onAnswer(ok(1, 5_000, false));
        assertEquals(new CcRequest.Mscc(1, true, 1_000), s.next().services().get(0));
        s.onAnswer(ok(1, 5_000, false));
        CcRequest t = s.next();
        assertEquals(CcRequest.Type.TERMINATION, t.type());
        assertEquals(3, t.number());
        assertEquals(new CcRequest.Mscc(1, false, 1_000), t.services().get(0));
        assertEquals(5_000, s.reservedOctets(), "the last grant is held until the CCR-T is answered");
        assertEquals(SimSession.State.DONE, s.onAnswer(ok(1, 0, false)));
        assertEquals(2_600, s.confirmedOctets());
        assertEquals(0, s.reservedOctets());
        assertFalse(s.uncertain());
    }

    @Test
    void finalGrantIsUsedThenNoQuotaEndsTheSessionWithATerminate() {
        SimSession s = new SimSession("s1", "491790000001", new SessionShape(Integer.MAX_VALUE, 0, List.of(1L)));
        s.next();
        s.onAnswer(ok(1, 10_000, false));
        s.next();
        s.onAnswer(ok(1, 3_000, true));
        assertEquals(new CcRequest.Mscc(1, true, 3_000), s.next().services().get(0), "the final grant used up, asked again");
        s.onAnswer(noQuota(1));
        CcRequest t = s.next();
        assertEquals(CcRequest.Type.TERMINATION, t.type(), "no rating group has quota: terminate");
        assertEquals(new CcRequest.Mscc(1, false, 0), t.services().get(0));
        s.onAnswer(ok(1, 0, false));
        assertEquals(13_000, s.confirmedOctets());
    }

    @Test
    void creditLimitOnTheInitialEndsWithoutATerminate() {
        SimSession s = new SimSession("s1", "491790000001", new SessionShape(3, 1_000, List.of(1L)));
        s.next();
        assertEquals(SimSession.State.DONE, s.onAnswer(new Answer(272, 1, 4012, 0, List.of())));
        assertFalse(s.uncertain());
        assertEquals(0, s.confirmedOctets());
    }

    @Test
    void aTimeoutOrRefusalAfterReportingMakesTheSessionUncertain() {
        SimSession timedOut = new SimSession("s1", "491790000001", new SessionShape(3, 1_000, List.of(1L)));
        timedOut.next();
        timedOut.onAnswer(ok(1, 5_000, false));
        timedOut.next();
        timedOut.onTimeout();
        assertTrue(timedOut.uncertain());
        assertEquals(SimSession.State.DONE, timedOut.state());
        assertEquals(0, timedOut.confirmedOctets(), "unanswered usage is not counted as confirmed");

        SimSession refused = new SimSession("s2", "491790000001", new SessionShape(3, 1_000, List.of(1L)));
        refused.next();
        refused.onAnswer(ok(1, 5_000, false));
        refused.next();
        refused.onAnswer(new Answer(272, 1, 5012, 1, List.of()));
        assertTrue(refused.uncertain());
    }

    @Test
    void requestedTerminationTurnsTheNextRequestIntoACcrT() {
        SimSession s = new SimSession("s1", "491790000001", new SessionShape(10, 1_000, List.of(1L)));
        s.next();
        s.onAnswer(ok(1, 5_000, false));
        s.requestTermination();
        assertEquals(CcRequest.Type.TERMINATION, s.next().type());
    }
}

package dev.ocs.diameter.transport;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class AdmissionTest {

    private static int admit(Admission a, Admission.Gate g, int n) {
        int admitted = 0;
        for (int i = 0; i < n; i++) {
            if (a.tryAdmit(g)) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void aGatewayAloneIsAdmittedUpToTheLimitLessTheReserve() {
        Admission a = new Admission(1_000, 25);
        Admission.Gate flood = a.gate("pgw-1");
        assertEquals(750, admit(a, flood, 5_000));
        assertEquals(750, a.inFlight());
    }

    @Test
    void aNewcomerFindsRoomWhileAnotherGatewayFloods() {
        Admission a = new Admission(1_000, 25);
        Admission.Gate flood = a.gate("pgw-1");
        admit(a, flood, 5_000);
        Admission.Gate newcomer = a.gate("pgw-2");
        // two gateways: each has a share of 375 of the 750; the newcomer is below its share
        assertEquals(250, admit(a, newcomer, 1_000), "the reserve is the newcomer's");
        assertEquals(1_000, a.inFlight());
        assertEquals(0, admit(a, flood, 100), "the flooder stays refused");
    }

    @Test
    void theFlooderIsRefusedBeyondItsShareUntilItsRequestsComplete() {
        Admission a = new Admission(1_000, 25);
        Admission.Gate flood = a.gate("pgw-1");
        Admission.Gate quiet = a.gate("pgw-2");
        admit(a, flood, 750);
        assertEquals(10, admit(a, quiet, 10));
        for (int i = 0; i < 400; i++) {
            a.release(flood);
        }
        // 360 in flight: below the free zone everybody is admitted again
        assertEquals(390, admit(a, flood, 390));
        assertEquals(0, admit(a, flood, 1), "beyond 750 the flooder (350 + 390 > 375) waits");
        assertEquals(250, admit(a, quiet, 1_000));
    }

    @Test
    void theLimitHoldsForEveryGateway() {
        Admission a = new Admission(100, 0);
        assertEquals(100, admit(a, a.gate("a"), 150));
        assertEquals(0, admit(a, a.gate("b"), 10));
    }

    @Test
    void idleGatewaysAreForgotten() {
        Admission a = new Admission(100, 10);
        Admission.Gate g = a.gate("gone");
        assertTrue(a.tryAdmit(g));
        a.gate("busy");
        a.tryAdmit(a.gate("busy"));
        a.release(g);
        a.forgetIdle();
        assertEquals(1, a.gateways());
    }

    @Test
    void countsReturnToZeroUnderContention() throws Exception {
        Admission a = new Admission(64, 25);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            String gateway = "pgw-" + (t % 2);
            pool.execute(() -> {
                Admission.Gate g = a.gate(gateway);
                for (int i = 0; i < 100_000; i++) {
                    if (a.tryAdmit(g)) {
                        a.release(g);
                    }
                }
                done.countDown();
            });
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(0, a.inFlight());
        assertEquals(0, a.gate("pgw-0").inFlight());
        assertTrue(a.tryAdmit(a.gate("pgw-0")), "a gateway alone is admitted again");
    }
}

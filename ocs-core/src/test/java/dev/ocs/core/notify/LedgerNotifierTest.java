package dev.ocs.core.notify;

import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.ocs.core.notify.AccountNotification.Type.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Notifications from the ledger: each threshold crossing once, exhaustion, top-ups and purchases. */
class LedgerNotifierTest {

    private final List<AccountNotification> seen = new ArrayList<>();
    private final LedgerNotifier notifier = new LedgerNotifier(500, 1_000_000);
    private long seq;
    private long balance = 1_000;
    private long bytes = 3_000_000;

    LedgerNotifierTest() {
        notifier.addSink(seen::add);
    }

    private LedgerRecord record(LedgerType type, long money) {
        balance += money;
        return new LedgerRecord("a1", ++seq, seq, type, "", 1, 0, money, 0, balance, bytes, type == LedgerType.TOPUP ? "rc-1" : "");
    }

    private LedgerRecord bucketUse(LedgerType type, long bucketBytes) {
        bytes += bucketBytes;
        return new LedgerRecord("a1", ++seq, seq, type, "", 1, -bucketBytes, 0, bucketBytes, balance, bytes, "");
    }

    private List<AccountNotification.Type> types() {
        return seen.stream().map(AccountNotification::type).toList();
    }

    @Test
    void lowBalanceNotifiesOncePerCrossingAndExhaustionOnce() {
        notifier.accept(List.of(record(LedgerType.USAGE, -300), record(LedgerType.USAGE, -300)));
        assertEquals(List.of(LOW_BALANCE), types(), "700 -> 400 crosses 500");
        notifier.accept(List.of(record(LedgerType.USAGE, -100), record(LedgerType.USAGE, -250)));
        assertEquals(List.of(LOW_BALANCE), types(), "below already: no repeat");
        notifier.accept(List.of(record(LedgerType.USAGE, -50)));
        assertEquals(List.of(LOW_BALANCE, EXHAUSTED), types());
        notifier.accept(List.of(record(LedgerType.USAGE, 0)));
        assertEquals(2, seen.size(), "nothing more once empty");
    }

    @Test
    void usageBeyondTheOveruseToleranceIsNotifiedWithItsOctetsAndSession() {
        notifier.accept(List.of(new LedgerRecord("a1", ++seq, seq, LedgerType.UNBILLED_OVERUSE, "gw;1", 1, 999_000_000,
                0, 0, balance, bytes, "beyond the tolerance")));
        assertEquals(List.of(UNBILLED_OVERUSE), types());
        assertEquals(999_000_000, seen.get(0).amount());
        assertEquals("gw;1", seen.get(0).reference());
        assertEquals("ocs.account.unbilled-overuse", UNBILLED_OVERUSE.jmxType());
    }

    @Test
    void topUpLiftsTheBalanceAndTheNextCrossingNotifiesAgain() {
        notifier.accept(List.of(record(LedgerType.USAGE, -600), record(LedgerType.TOPUP, 2_000), record(LedgerType.USAGE, -2_100)));
        assertEquals(List.of(LOW_BALANCE, TOP_UP, LOW_BALANCE), types());
        assertEquals(2_000, seen.get(1).amount());
        assertEquals("rc-1", seen.get(1).reference());
    }

    @Test
    void oneDebitFromAboveTheThresholdToZeroNotifiesBoth() {
        notifier.accept(List.of(record(LedgerType.USAGE, -1_000)));
        assertEquals(List.of(LOW_BALANCE, EXHAUSTED), types());
    }

    @Test
    void bundlePurchaseNotifiesWithItsPrice() {
        notifier.accept(List.of(record(LedgerType.BUNDLE_PURCHASE, -199)));
        assertEquals(List.of(BUNDLE_PURCHASED), types());
        assertEquals(199, seen.get(0).amount());
    }

    @Test
    void lowDataNotifiesOncePerCrossingThenDataExhaustedWithTheBytesLeft() {
        notifier.accept(List.of(bucketUse(LedgerType.USAGE, -1_500_000), bucketUse(LedgerType.USAGE, -600_000)));
        assertEquals(List.of(LOW_DATA), types(), "1.5 MB -> 0.9 MB crosses 1 MB");
        assertEquals(900_000, seen.get(0).amount());
        notifier.accept(List.of(bucketUse(LedgerType.USAGE, -400_000)));
        assertEquals(List.of(LOW_DATA), types(), "below already: no repeat");
        notifier.accept(List.of(bucketUse(LedgerType.USAGE, -500_000), bucketUse(LedgerType.USAGE, 0)));
        assertEquals(List.of(LOW_DATA, DATA_EXHAUSTED), types());
        assertEquals(1_000, seen.get(1).balance(), "money untouched, and said");
    }

    @Test
    void boughtBundleLiftsTheBytesAndItsExpiryCountsAsRunningOut() {
        notifier.accept(List.of(bucketUse(LedgerType.USAGE, -2_500_000), bucketUse(LedgerType.BUCKET_CREDIT, 5_000_000),
                bucketUse(LedgerType.BUCKET_EXPIRED, -5_500_000)));
        assertEquals(List.of(LOW_DATA, LOW_DATA, DATA_EXHAUSTED), types());
    }
}

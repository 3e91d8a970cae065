package dev.ocs.core.notify;

import dev.ocs.core.domain.LedgerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns exported ledger records into notifications. Each record carries the balance after it and
 * its money change, hence the balance before it: a record that takes the balance from at or above
 * the threshold to below it is the one crossing, so a crossing notifies once, however many requests
 * follow below it (and again only after a top-up lifted the balance back over it). Bundle bytes work
 * the same way from each record's bytes left in all buckets and its bucket change.
 */
public final class LedgerNotifier implements Consumer<List<LedgerRecord>> {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerNotifier.class);

    private final long lowBalance;
    private final long lowBytes;
    private final List<NotificationSink> sinks = new CopyOnWriteArrayList<>();

    /**
     * @param lowBalance the low-balance threshold in minor units; 0 turns the low-balance notification off
     * @param lowBytes   the low-data threshold in bundle bytes; 0 turns the low-data notification off
     */
    public LedgerNotifier(long lowBalance, long lowBytes) {
        this.lowBalance = lowBalance;
        this.lowBytes = lowBytes;
    }

    public void addSink(NotificationSink sink) {
        sinks.add(sink);
    }

    public void removeSink(NotificationSink sink) {
        sinks.remove(sink);
    }

    @Override
    public void accept(List<LedgerRecord> records) {
        for (LedgerRecord r : records) {
            long after = r.balanceAfter();
            long before = after - r.money();
            switch (r.type()) {
                case TOPUP -> emit(new AccountNotification(AccountNotification.Type.TOP_UP, r.accountId(), r.money(), after,
                        r.reference(), r.time()));
                case BUNDLE_PURCHASE -> emit(new AccountNotification(AccountNotification.Type.BUNDLE_PURCHASED, r.accountId(),
                        -r.money(), after, r.reference(), r.time()));
                case UNBILLED_OVERUSE -> emit(new AccountNotification(AccountNotification.Type.UNBILLED_OVERUSE, r.accountId(),
                        r.volumeBytes(), after, r.sessionId(), r.time()));
                default -> { }
            }
            if (r.money() < 0) {
                if (lowBalance > 0 && before >= lowBalance && after < lowBalance) {
                    emit(new AccountNotification(AccountNotification.Type.LOW_BALANCE, r.accountId(), 0, after, "", r.time()));
                }
                if (before > 0 && after == 0) {
                    emit(new AccountNotification(AccountNotification.Type.EXHAUSTED, r.accountId(), 0, 0, "", r.time()));
                }
            }
            if (r.bucketBytes() < 0 && r.bucketsAfter() >= 0) {
                long bytesAfter = r.bucketsAfter();
                long bytesBefore = bytesAfter - r.bucketBytes();
                if (lowBytes > 0 && bytesBefore >= lowBytes && bytesAfter < lowBytes) {
                    emit(new AccountNotification(AccountNotification.Type.LOW_DATA, r.accountId(), bytesAfter, after, "", r.time()));
                }
                if (bytesAfter == 0) {
                    emit(new AccountNotification(AccountNotification.Type.DATA_EXHAUSTED, r.accountId(), 0, after, "", r.time()));
                }
            }
        }
    }

    private void emit(AccountNotification n) {
        for (NotificationSink sink : sinks) {
            try {
                sink.accept(n);
            } catch (RuntimeException e) {
                LOG.warn("notification sink {} failed on {}", sink, n, e);
            }
        }
    }
}

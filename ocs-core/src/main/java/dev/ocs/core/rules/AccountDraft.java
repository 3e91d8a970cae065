package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.OperatorReference;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ServiceSession;
import dev.ocs.core.domain.SessionState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A mutable working copy of one account inside one atomic operation. The charging rules edit the
 * draft; {@link #build} freezes it into the next immutable {@link Account}. Every money or bucket
 * movement goes through the methods here, which write the ledger record in the same step.
 */
final class AccountDraft {

    private static final Comparator<Bucket> CONSUMPTION_ORDER =
            Comparator.comparingLong(Bucket::expiresAt).thenComparingLong(Bucket::id);

    private final Account base;
    private final long now;
    AccountStatus status;
    long balance;
    long credits;
    long debits;
    long refundable;
    long bucketCredits;
    long bucketDebits;
    long reportedBytes;
    long nextBucketId;
    final ArrayList<Bucket> buckets;
    final ArrayList<SessionState> sessions;
    private long ledgerSeq;
    final ArrayList<OperatorReference> references;
    final ArrayList<String> subscribers;
    private final ArrayList<LedgerRecord> newRecords = new ArrayList<>(4);
    private boolean changed;

    AccountDraft(Account base, long now) {
        this.base = base;
        this.now = now;
        this.status = base.status();
        this.balance = base.balance();
        this.credits = base.credits();
        this.debits = base.debits();
        this.refundable = base.refundable();
        this.bucketCredits = base.bucketCredits();
        this.bucketDebits = base.bucketDebits();
        this.reportedBytes = base.reportedBytes();
        this.nextBucketId = base.nextBucketId();
        this.buckets = new ArrayList<>(base.buckets());
        this.sessions = new ArrayList<>(base.sessions());
        this.ledgerSeq = base.ledgerSeq();
        this.references = new ArrayList<>(base.references());
        this.subscribers = new ArrayList<>(base.subscribers());
    }

    String id() {
        return base.id();
    }

    long now() {
        return now;
    }

    boolean changed() {
        return changed;
    }

    void markChanged() {
        changed = true;
    }

    // ---- money ---------------------------------------------------------------------------------

    long heldMoney() {
        long sum = 0;
        for (SessionState s : sessions) {
            sum += s.moneyHeld();
        }
        return sum;
    }

    long freeMoney() {
        return balance - heldMoney();
    }

    void debitMoney(long amount) {
        if (amount < 0 || amount > balance) {
            throw new IllegalStateException("account " + id() + ": debit " + amount + " exceeds balance " + balance);
        }
        balance -= amount;
        debits += amount;
        changed = true;
    }

    void creditMoney(long amount) {
        if (amount < 0) {
            throw new IllegalStateException("account " + id() + ": negative credit " + amount);
        }
        balance = Math.addExact(balance, amount);
        credits = Math.addExact(credits, amount);
        changed = true;
    }

    // ---- buckets -------------------------------------------------------------------------------

    /** Buckets usable for the rating group now, earliest expiry first. */
    List<Bucket> usableBuckets(long ratingGroup) {
        List<Bucket> usable = new ArrayList<>(buckets.size());
        for (Bucket b : buckets) {
            if (b.appliesTo(ratingGroup) && !b.expiredAt(now)) {
                usable.add(b);
            }
        }
        usable.sort(CONSUMPTION_ORDER);
        return usable;
    }

    long heldFromBucket(long bucketId) {
        long sum = 0;
        for (SessionState s : sessions) {
            for (ServiceSession ss : s.services()) {
                sum += ss.heldFrom(bucketId);
            }
        }
        return sum;
    }

    long freeBucketBytes(Bucket b) {
        return b.remainingBytes() - heldFromBucket(b.id());
    }

    long freeBucketBytes(long ratingGroup) {
        long sum = 0;
        for (Bucket b : usableBuckets(ratingGroup)) {
            sum += freeBucketBytes(b);
        }
        return sum;
    }

    void debitBucket(long bucketId, long bytes) {
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            if (b.id() == bucketId) {
                if (bytes > b.remainingBytes()) {
                    throw new IllegalStateException("bucket " + bucketId + ": debit " + bytes + " exceeds " + b.remainingBytes());
                }
                buckets.set(i, b.withRemaining(b.remainingBytes() - bytes));
                bucketDebits += bytes;
                changed = true;
                return;
            }
        }
        throw new IllegalStateException("account " + id() + " has no bucket " + bucketId);
    }

    long addBucket(String name, long bytes, long expiresAt, List<Long> ratingGroups) {
        long bucketId = nextBucketId++;
        buckets.add(new Bucket(bucketId, name, bytes, expiresAt, ratingGroups));
        bucketCredits = Math.addExact(bucketCredits, bytes);
        changed = true;
        return bucketId;
    }

    void removeBucket(Bucket bucket) {
        buckets.removeIf(b -> b.id() == bucket.id());
        bucketDebits += bucket.remainingBytes();
        changed = true;
    }

    // ---- sessions ------------------------------------------------------------------------------

    SessionState session(String sessionId) {
        for (SessionState s : sessions) {
            if (s.sessionId().equals(sessionId)) {
                return s;
            }
        }
        return null;
    }

    void putSession(SessionState state) {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).sessionId().equals(state.sessionId())) {
                sessions.set(i, state);
                changed = true;
                return;
            }
        }
        sessions.add(state);
        changed = true;
    }

    /** Replaces (or adds) one service of an existing session. */
    void replaceService(String sessionId, ServiceSession service) {
        SessionState s = session(sessionId);
        if (s == null) {
            throw new IllegalStateException("account " + id() + " has no session " + sessionId);
        }
        List<ServiceSession> services = new ArrayList<>(s.services().size() + 1);
        boolean replaced = false;
        for (ServiceSession existing : s.services()) {
            if (existing.ratingGroup() == service.ratingGroup()) {
                services.add(service);
                replaced = true;
            } else {
                services.add(existing);
            }
        }
        if (!replaced) {
            services.add(service);
        }
        putSession(s.with(s.requestNumber(), s.lastResult(), services, s.expiresAt(), s.closedAt()));
    }

    // ---- operator references ---------------------------------------------------------------------

    /** At most this many references per account; beyond it the oldest go even inside the retention. */
    static final int MAX_REFERENCES = 1_024;

    boolean knows(String reference) {
        for (OperatorReference r : references) {
            if (r.reference().equals(reference)) {
                return true;
            }
        }
        return false;
    }

    void remember(String reference) {
        long oldest = now - OperatorCommands.REFERENCE_RETENTION_SECONDS * 1000;
        references.removeIf(r -> r.appliedAt() < oldest);
        references.add(new OperatorReference(reference, now));
        while (references.size() > MAX_REFERENCES) {
            references.remove(0);
        }
        changed = true;
    }

    // ---- ledger --------------------------------------------------------------------------------

    void record(LedgerType type, String sessionId, long ratingGroup, long volumeBytes, long money, long bucketBytes,
                String reference) {
        ledgerSeq++;
        if (type == LedgerType.USAGE || type == LedgerType.OVERUSE || type == LedgerType.UNBILLED_OVERUSE) {
            reportedBytes = ServiceRating.saturatingAdd(reportedBytes, volumeBytes); // a running total never wraps
        }
        newRecords.add(new LedgerRecord(id(), ledgerSeq, now, type, sameAsSession(sessionId), ratingGroup, volumeBytes,
                money, bucketBytes, balance, Bucket.remaining(buckets), reference));
        changed = true;
    }

    /**
     * The session's own Session-Id instance when the account holds that session: each request brings
     * a freshly decoded copy, and a record that kept it would keep a second string alive per record.
     */
    private String sameAsSession(String sessionId) {
        if (sessionId != null && !sessionId.isEmpty()) {
            for (SessionState s : sessions) {
                if (s.sessionId().equals(sessionId)) {
                    return s.sessionId();
                }
            }
        }
        return sessionId;
    }

    /** The next account value, with the ledger trimmed to pending records plus the most recent exported ones. */
    Account build(ChargingPolicy policy) {
        List<LedgerRecord> ledger = new ArrayList<>(base.ledger().size() + newRecords.size());
        int keepExported = policy.recentLedgerRecords();
        long exported = base.exportedSeq();
        List<LedgerRecord> old = base.ledger();
        int exportedCount = 0;
        for (LedgerRecord r : old) {
            if (r.seq() <= exported) {
                exportedCount++;
            }
        }
        int skip = Math.max(0, exportedCount - keepExported);
        for (LedgerRecord r : old) {
            if (r.seq() <= exported && skip > 0) {
                skip--;
                continue;
            }
            ledger.add(r);
        }
        ledger.addAll(newRecords);
        return new Account(base.id(), status, subscribers, balance, base.openingBalance(), credits, debits,
                refundable, buckets, nextBucketId, bucketCredits, bucketDebits, reportedBytes, sessions, ledgerSeq,
                base.exportedSeq(), ledger, references, base.createdAt(), base.version() + 1);
    }
}

package dev.ocs.core.rules;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.OperatorReference;
import dev.ocs.core.domain.SessionState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One account as the grid keeps it: mutable, owned by the partition thread of its key, and changed
 * where it lives. The charging rules act on it through the package-private methods here, which write
 * the ledger record of every money or bucket movement in the same step. A change runs through
 * {@link #change}: checked when it ends, with every field put back should a rule fail half-way or the
 * check refuse it, so it is all or nothing as with an immutable value, without rebuilding the account
 * per request. Anything that leaves the partition thread (the durable store, operator views, backups,
 * migrations) takes a {@link #snapshot}: an immutable {@link Account}. Readers on other threads must
 * never touch an instance that a partition thread may be changing.
 */
public final class AccountState {

    private static final Comparator<Bucket> CONSUMPTION_ORDER =
            Comparator.comparingLong(Bucket::expiresAt).thenComparingLong(Bucket::id);

    private final String id;
    private long openingBalance;
    private long createdAt;
    private long version;
    private long now;
    AccountStatus status;
    long balance;
    long credits;
    long debits;
    long refundable;
    long bucketCredits;
    long bucketDebits;
    long reportedBytes;
    long nextBucketId;
    final ArrayList<Bucket> buckets = new ArrayList<>(0);
    final ArrayList<SessionSlot> sessions = new ArrayList<>(0);
    private long ledgerSeq;
    private long exportedSeq;
    private final LedgerRing ledger;
    final ArrayList<OperatorReference> references = new ArrayList<>(0);
    final ArrayList<String> subscribers = new ArrayList<>(1);
    private boolean changed;
    /**
     * The deadline under which this member's store last indexed the account for the sweeper (member-local
     * bookkeeping of the instance, not part of the value: never snapshotted, stored or replicated).
     */
    private long indexedDeadline = Long.MAX_VALUE;

    private AccountState(Account a) {
        this.id = a.id();
        this.ledger = new LedgerRing(a.ledger().size());
        load(a);
    }

    /** A state holding {@code account}'s value. */
    public static AccountState of(Account account) {
        return new AccountState(account);
    }

    /** A state for one change of an immutable value (the snapshot path): now is set, nothing changed yet. */
    AccountState(Account a, long now) {
        this(a);
        this.now = now;
    }

    private void load(Account a) {
        if (!a.id().equals(id)) {
            throw new IllegalArgumentException("account " + id + " cannot take the value of account " + a.id());
        }
        status = a.status();
        balance = a.balance();
        openingBalance = a.openingBalance();
        credits = a.credits();
        debits = a.debits();
        refundable = a.refundable();
        bucketCredits = a.bucketCredits();
        bucketDebits = a.bucketDebits();
        reportedBytes = a.reportedBytes();
        nextBucketId = a.nextBucketId();
        ledgerSeq = a.ledgerSeq();
        exportedSeq = a.exportedSeq();
        createdAt = a.createdAt();
        version = a.version();
        refill(buckets, a.buckets());
        sessions.clear();
        for (SessionState s : a.sessions()) {
            sessions.add(SessionSlot.of(s));
        }
        refill(references, a.references());
        refill(subscribers, a.subscribers());
        ledger.load(a.ledger());
    }

    /** Takes the value of {@code next} in place (a command computed on a snapshot); the instance stays the same. */
    public void replaceWith(Account next) {
        load(next);
        changed = true;
    }

    private static <T> void refill(ArrayList<T> list, List<T> from) {
        list.clear();
        list.addAll(from);
    }

    // ---- reading (the partition thread, or a state no other thread holds) -------------------------

    public String id() {
        return id;
    }

    public long version() {
        return version;
    }

    public long createdAt() {
        return createdAt;
    }

    public long ledgerSeq() {
        return ledgerSeq;
    }

    public long exportedSeq() {
        return exportedSeq;
    }

    // Read-only views for an encoder on the partition thread (AccountCodec): the account as it is now,
    // field by field, without the snapshot's copies. Only valid until the next change. The list views are
    // made per call, not kept: four kept views were 96 bytes more per account (a million accounts: 96 MB).

    public AccountStatus status() {
        return status;
    }

    public List<String> subscribers() {
        return Collections.unmodifiableList(subscribers);
    }

    public long balance() {
        return balance;
    }

    public long openingBalance() {
        return openingBalance;
    }

    public long credits() {
        return credits;
    }

    public long debits() {
        return debits;
    }

    public long refundable() {
        return refundable;
    }

    public List<Bucket> buckets() {
        return Collections.unmodifiableList(buckets);
    }

    public long nextBucketId() {
        return nextBucketId;
    }

    public long bucketCredits() {
        return bucketCredits;
    }

    public long bucketDebits() {
        return bucketDebits;
    }

    public long reportedBytes() {
        return reportedBytes;
    }

    /** The sessions as held here (read-only outside this package; valid until the next change). */
    public List<SessionSlot> sessions() {
        return Collections.unmodifiableList(sessions);
    }

    public List<OperatorReference> references() {
        return Collections.unmodifiableList(references);
    }

    /** The ledger records the account holds, oldest first: exported ones kept for inspection, then pending ones. */
    public int ledgerSize() {
        return ledger.size();
    }

    /** Hands every ledger record the account holds to {@code visitor}, oldest first, without making record objects. */
    public void forEachLedgerRecord(LedgerVisitor visitor) {
        ledger.forEach(visitor);
    }

    /** One ledger record's fields (those of {@link LedgerRecord} but the account id). */
    @FunctionalInterface
    public interface LedgerVisitor {
        void record(long seq, long time, LedgerType type, String sessionId, long ratingGroup, long volumeBytes, long money,
                    long bucketBytes, long balanceAfter, long bucketsAfter, String reference);
    }

    /** The immutable value of this account now. */
    public Account snapshot() {
        List<SessionState> sessionValues = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            sessionValues.add(sessions.get(i).value());
        }
        return new Account(id, status, subscribers, balance, openingBalance, credits, debits, refundable, buckets,
                nextBucketId, bucketCredits, bucketDebits, reportedBytes, sessionValues, ledgerSeq, exportedSeq,
                ledger.all(id), references, createdAt, version);
    }

    /** Records not yet exported, oldest first. */
    public ArrayList<LedgerRecord> pendingLedger() {
        return ledger.after(exportedSeq, id);
    }

    public long openSessions() {
        long n = 0;
        for (int i = 0; i < sessions.size(); i++) {
            if (!sessions.get(i).closed()) {
                n++;
            }
        }
        return n;
    }

    /** Bytes granted to open sessions and not yet reported used. */
    public long reservedBytes() {
        long sum = 0;
        for (int i = 0; i < sessions.size(); i++) {
            sum += sessions.get(i).grantedBytes(); // a closed session holds none
        }
        return sum;
    }

    /** The deadline the store's sweeper index holds this instance under ({@link Long#MAX_VALUE}: none). */
    public long indexedDeadline() {
        return indexedDeadline;
    }

    public void indexedDeadline(long deadline) {
        indexedDeadline = deadline;
    }

    /** The earliest time at which housekeeping has something to do: a session or bucket deadline. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < sessions.size(); i++) {
            SessionSlot s = sessions.get(i);
            if (!s.closed()) {
                next = Math.min(next, s.expiresAt());
            }
        }
        for (int i = 0; i < buckets.size(); i++) {
            next = Math.min(next, buckets.get(i).expiresAt());
        }
        return next;
    }

    // ---- one change: begin, the rules, finish (or rollback) ---------------------------------------

    /** The rules of one change, applied to the state they are given. */
    @FunctionalInterface
    interface Rules<R> {
        R apply(AccountState state);
    }

    /**
     * Applies {@code rules} at time {@code now} as one change: all of it (checked by {@link #finish}), or,
     * should a rule throw or the change be refused, none of it: every field is put back and the
     * exception goes on. {@link #changed()} tells afterwards whether anything changed.
     */
    <R> R change(long now, ChargingPolicy policy, Rules<R> rules) {
        Checkpoint cp = begin(now);
        try {
            R result = rules.apply(this);
            finish(policy, cp);
            cp.end(true);
            return result;
        } catch (RuntimeException | Error e) {
            rollback(cp);
            throw e;
        }
    }

    /** Starts a change at time {@code now}: remembers every field so that {@link #rollback} can put it back. */
    private Checkpoint begin(long now) {
        Checkpoint cp = Checkpoint.CURRENT.get();
        cp.save(this);
        cp.owner = this;
        this.now = now;
        this.changed = false;
        return cp;
    }

    /**
     * Ends a change: when anything changed, the next version, with exported ledger records beyond the
     * kept ones dropped. A change the grid must not store (see {@link #continuityProblem}) throws here,
     * and the caller rolls it back.
     *
     * @param before the checkpoint of {@link #begin}, or {@code null} on the snapshot path (the grid checks
     *               that value against the stored one itself)
     */
    void finish(ChargingPolicy policy, Checkpoint before) {
        if (!changed) {
            return;
        }
        String problem = continuityProblem(before);
        if (problem != null) {
            throw new IllegalStateException("account " + id + ": a change the grid refuses: " + problem);
        }
        version++;
        ledger.trim(exportedSeq, policy.recentLedgerRecords());
    }

    /**
     * The rules of {@link dev.ocs.core.domain.AccountContinuity} for a change made in place, from the
     * fields and the checkpoint (nothing allocated): the balances add up, running totals only grow, and
     * money or bucket bytes move only with a ledger record stating the new balance.
     */
    private String continuityProblem(Checkpoint b) {
        if (balance < 0) {
            return "balance would be negative: " + balance;
        }
        if (openingBalance + credits - debits != balance) {
            return "opening + credits - debits != balance";
        }
        if (bucketCredits - bucketDebits != bucketBytes()) {
            return "bucket credits - bucket debits != bucket bytes";
        }
        if (b == null) {
            return null;
        }
        if (credits < b.credits || debits < b.debits || bucketCredits < b.bucketCredits || bucketDebits < b.bucketDebits) {
            return "a running total went down";
        }
        if (ledgerSeq < b.ledgerSeq || exportedSeq < b.exportedSeq) {
            return "the ledger went back";
        }
        boolean moved = balance != b.balance || bucketCredits != b.bucketCredits || bucketDebits != b.bucketDebits;
        if (moved && ledgerSeq == b.ledgerSeq) {
            return "money or bucket bytes moved without a ledger record";
        }
        if (ledgerSeq != b.ledgerSeq) {
            int newest = ledger.size() - 1;
            if (newest < 0 || ledger.seq(newest) != ledgerSeq || ledger.balanceAfter(newest) != balance) {
                return "the newest ledger record is not " + ledgerSeq + " with balance " + balance;
            }
        }
        return null;
    }

    /** Undoes the change begun with {@code cp}. */
    private void rollback(Checkpoint cp) {
        cp.restore(this);
        cp.end(false);
        changed = false;
    }

    long now() {
        return now;
    }

    /** Whether the last change (or the snapshot-path command) changed anything. */
    public boolean changed() {
        return changed;
    }

    void unchanged() {
        changed = false;
    }

    void markChanged() {
        changed = true;
    }

    /** Marks ledger records up to {@code seq} as exported. */
    void acknowledge(long seq) {
        exportedSeq = seq;
        changed = true;
    }

    // ---- money ---------------------------------------------------------------------------------

    public long heldMoney() {
        long sum = 0;
        for (int i = 0; i < sessions.size(); i++) {
            sum += sessions.get(i).moneyHeld();
        }
        return sum;
    }

    long freeMoney() {
        return balance - heldMoney();
    }

    void debitMoney(long amount) {
        if (amount < 0 || amount > balance) {
            throw new IllegalStateException("account " + id + ": debit " + amount + " exceeds balance " + balance);
        }
        balance -= amount;
        debits += amount;
        changed = true;
    }

    void creditMoney(long amount) {
        if (amount < 0) {
            throw new IllegalStateException("account " + id + ": negative credit " + amount);
        }
        balance = Math.addExact(balance, amount);
        credits = Math.addExact(credits, amount);
        changed = true;
    }

    // ---- buckets -------------------------------------------------------------------------------

    /** Buckets usable for the rating group now, earliest expiry first. */
    List<Bucket> usableBuckets(long ratingGroup) {
        if (buckets.isEmpty()) {
            return List.of();
        }
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
        for (int i = 0; i < sessions.size(); i++) {
            sum += sessions.get(i).heldFrom(bucketId);
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

    long bucketBytes() {
        long sum = 0;
        for (int i = 0; i < buckets.size(); i++) {
            sum += buckets.get(i).remainingBytes();
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
        throw new IllegalStateException("account " + id + " has no bucket " + bucketId);
    }

    long addBucket(String name, long bytes, long expiresAt, List<Long> ratingGroups) {
        long bucketId = nextBucketId++;
        buckets.add(new Bucket(bucketId, name, bytes, expiresAt, ratingGroups));
        bucketCredits = Math.addExact(bucketCredits, bytes);
        changed = true;
        return bucketId;
    }

    void removeBucket(Bucket bucket) {
        for (int i = 0; i < buckets.size(); i++) {
            if (buckets.get(i).id() == bucket.id()) {
                buckets.remove(i);
                break;
            }
        }
        bucketDebits += bucket.remainingBytes();
        changed = true;
    }

    // ---- sessions ------------------------------------------------------------------------------

    SessionSlot session(String sessionId) {
        for (int i = 0; i < sessions.size(); i++) {
            SessionSlot s = sessions.get(i);
            if (s.sessionId().equals(sessionId)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Opens a session in a slot that an account of this thread forgot (or a new one when there is none):
     * the only object a session stores into the account, and not a young one once the pool has slots.
     */
    SessionSlot openSession(String sessionId, long requestNumber, long expiresAt, long closedAt, String gatewayHost,
                            String gatewayRealm) {
        if (session(sessionId) != null) {
            throw new IllegalStateException("account " + id + " already holds session " + sessionId);
        }
        SessionSlot slot = SlotPool.current().open(sessionId, requestNumber, expiresAt, closedAt, gatewayHost,
                gatewayRealm);
        sessions.add(slot);
        changed = true;
        return slot;
    }

    /** Forgets a session; its slot goes back to the thread's pool once the change has succeeded. */
    void removeSession(int index) {
        SessionSlot slot = sessions.remove(index);
        ledger.detach(slot); // before the slot can serve another session
        Checkpoint cp = Checkpoint.CURRENT.get();
        if (cp.owner == this) {
            cp.forgot(slot);
        }
        changed = true;
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
        ledger.add(ledgerSeq, now, type, sessionOf(sessionId), ratingGroup, volumeBytes, money, bucketBytes, balance,
                bucketBytes(), reference);
        changed = true;
    }

    /**
     * The record's session as the ring keeps it: the account's slot of that session when it holds it (see
     * {@link LedgerRing}), else the id as given.
     */
    private Object sessionOf(String sessionId) {
        if (sessionId != null && !sessionId.isEmpty()) {
            SessionSlot s = session(sessionId);
            if (s != null) {
                return s;
            }
        }
        return sessionId;
    }

    /** The next account value of a change on the snapshot path. */
    Account build(ChargingPolicy policy) {
        changed = true;
        finish(policy, null);
        return snapshot();
    }

    /**
     * Every field of one account before a change, kept by the thread making it (one per partition
     * thread, reused: a change allocates nothing to be undoable).
     */
    static final class Checkpoint {

        static final ThreadLocal<Checkpoint> CURRENT = ThreadLocal.withInitial(Checkpoint::new);

        private AccountStatus status;
        private long balance, credits, debits, refundable, bucketCredits, bucketDebits, reportedBytes, nextBucketId;
        private long ledgerSeq, exportedSeq, version;
        private int ledgerSize;
        private Object[] buckets = new Object[4];
        private Object[] sessions = new Object[4];
        private SessionSlot[] sessionCopies = new SessionSlot[0];
        private final SessionSlot.ServiceCopies serviceCopies = new SessionSlot.ServiceCopies();
        private Object[] references = new Object[4];
        private Object[] subscribers = new Object[4];
        private int bucketCount, sessionCount, referenceCount, subscriberCount;
        /** The account being changed, while a change runs. */
        private AccountState owner;
        /**
         * Slots the change forgot (sessions, and rating groups of sessions it closed): to the pool if it
         * succeeds, back in the account (by the restore) if not.
         */
        private Object[] forgotten = new Object[4];
        private int forgottenCount;

        /** Whether a change in place is running on this thread. */
        boolean changing() {
            return owner != null;
        }

        void forgot(Object slot) {
            if (forgottenCount == forgotten.length) {
                forgotten = java.util.Arrays.copyOf(forgotten, 2 * forgottenCount);
            }
            forgotten[forgottenCount++] = slot;
        }

        /** Ends the change: the slots it forgot go to this thread's pool when it {@code succeeded}. */
        void end(boolean succeeded) {
            SlotPool pool = succeeded && forgottenCount > 0 ? SlotPool.current() : null;
            for (int i = 0; i < forgottenCount; i++) {
                if (pool != null) {
                    if (forgotten[i] instanceof SessionSlot session) {
                        pool.give(session);
                    } else {
                        pool.give((ServiceSlot) forgotten[i]);
                    }
                }
                forgotten[i] = null;
            }
            forgottenCount = 0;
            owner = null;
        }

        void save(AccountState a) {
            status = a.status;
            balance = a.balance;
            credits = a.credits;
            debits = a.debits;
            refundable = a.refundable;
            bucketCredits = a.bucketCredits;
            bucketDebits = a.bucketDebits;
            reportedBytes = a.reportedBytes;
            nextBucketId = a.nextBucketId;
            ledgerSeq = a.ledgerSeq;
            exportedSeq = a.exportedSeq;
            version = a.version;
            ledgerSize = a.ledger.size();
            buckets = copy(a.buckets, buckets);
            bucketCount = a.buckets.size();
            sessions = copy(a.sessions, sessions);
            sessionCount = a.sessions.size();
            if (sessionCopies.length < sessionCount) {
                SessionSlot[] grown = java.util.Arrays.copyOf(sessionCopies, sessions.length);
                for (int i = sessionCopies.length; i < grown.length; i++) {
                    grown[i] = SessionSlot.blank();
                }
                sessionCopies = grown;
            }
            serviceCopies.rewind();
            for (int i = 0; i < sessionCount; i++) {
                a.sessions.get(i).saveTo(sessionCopies[i], serviceCopies); // slots change in place: their fields too
            }
            references = copy(a.references, references);
            referenceCount = a.references.size();
            subscribers = copy(a.subscribers, subscribers);
            subscriberCount = a.subscribers.size();
        }

        void restore(AccountState a) {
            a.status = status;
            a.balance = balance;
            a.credits = credits;
            a.debits = debits;
            a.refundable = refundable;
            a.bucketCredits = bucketCredits;
            a.bucketDebits = bucketDebits;
            a.reportedBytes = reportedBytes;
            a.nextBucketId = nextBucketId;
            a.ledgerSeq = ledgerSeq;
            a.exportedSeq = exportedSeq;
            a.version = version;
            a.ledger.truncate(ledgerSize);
            back(a.buckets, buckets, bucketCount);
            back(a.sessions, sessions, sessionCount);
            serviceCopies.rewind();
            for (int i = 0; i < sessionCount; i++) {
                a.sessions.get(i).restoreFrom(sessionCopies[i], serviceCopies);
            }
            back(a.references, references, referenceCount);
            back(a.subscribers, subscribers, subscriberCount);
        }

        private static Object[] copy(ArrayList<?> from, Object[] into) {
            Object[] to = into.length >= from.size() ? into : new Object[Integer.highestOneBit(from.size()) << 1];
            for (int i = 0; i < from.size(); i++) {
                to[i] = from.get(i);
            }
            for (int i = from.size(); i < to.length && to[i] != null; i++) {
                to[i] = null; // no stale reference keeps another account's objects alive
            }
            return to;
        }

        @SuppressWarnings("unchecked")
        private static <T> void back(ArrayList<T> list, Object[] saved, int count) {
            list.clear();
            for (int i = 0; i < count; i++) {
                list.add((T) saved[i]);
            }
        }
    }
}

package dev.ocs.core.rules;

import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An account's ledger records, oldest first, in two flat arrays that are reused as records come and
 * go: recording a charge allocates nothing (a {@link LedgerRecord} per charge, kept until exported,
 * lived long enough to be copied by every young collection). Records become objects only when read
 * (export, operator views, snapshots). Grows when records wait for export (a small ring straight to
 * {@link #ACTIVE_CAPACITY}, then by doubling); never shrinks below what it once held. Not thread-safe:
 * owned by the account's partition thread.
 *
 * <p>A record of a session the account holds refers to the session's slot, not to its Session-Id string,
 * until the account forgets the session ({@link #detach}): the string came in with the session's first
 * request and is young for two collections, and each record holding it made an old array point at a
 * young object, a card that every young pause scanned (one per charge; the slot is old once the pool
 * has served it).
 */
final class LedgerRing {

    /**
     * What an account in use holds: the exported records kept for inspection (4 by default) and the ones a
     * session writes before the exporter's next pass. A newly provisioned account holds one record; growing
     * it through 2 and 4 on its first session made arrays that outlived a young collection only to die in
     * the old generation (the first profile of survivors at 10,000 CCR/s, issue 12).
     */
    static final int ACTIVE_CAPACITY = 8;

    private static final LedgerType[] TYPES = LedgerType.values();
    private static final int LONGS = 9; // seq, time, type, ratingGroup, volume, money, bucketBytes, balanceAfter, bucketsAfter
    private static final int REFS = 2;  // sessionId, reference

    private long[] longs;
    private Object[] refs; // per record: the session (a SessionSlot or its id), the reference
    private int head;
    private int size;

    /** @param capacity records it holds before growing (rounded up to a power of two; a million accounts hold a few each) */
    LedgerRing(int capacity) {
        int c = capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        longs = new long[c * LONGS];
        refs = new Object[c * REFS];
    }

    /** Holds exactly {@code records}, oldest first (an account taking another value). */
    void load(List<LedgerRecord> records) {
        clear();
        for (LedgerRecord r : records) {
            add(r.seq(), r.time(), r.type(), r.sessionId(), r.ratingGroup(), r.volumeBytes(), r.money(),
                    r.bucketBytes(), r.balanceAfter(), r.bucketsAfter(), r.reference());
        }
    }

    int size() {
        return size;
    }

    int capacity() {
        return refs.length / REFS;
    }

    private int slot(int i) {
        return (head + i) & (capacity() - 1);
    }

    /** @param session the record's session: its slot while the account holds it, else its id ("" or null: none) */
    void add(long seq, long time, LedgerType type, Object session, long ratingGroup, long volumeBytes, long money,
             long bucketBytes, long balanceAfter, long bucketsAfter, String reference) {
        if (size == capacity()) {
            grow();
        }
        int s = slot(size);
        int l = s * LONGS;
        longs[l] = seq;
        longs[l + 1] = time;
        longs[l + 2] = type.ordinal();
        longs[l + 3] = ratingGroup;
        longs[l + 4] = volumeBytes;
        longs[l + 5] = money;
        longs[l + 6] = bucketBytes;
        longs[l + 7] = balanceAfter;
        longs[l + 8] = bucketsAfter;
        refs[s * REFS] = session == null ? "" : session;
        refs[s * REFS + 1] = reference == null ? "" : reference;
        size++;
    }

    private void grow() {
        int c = Math.max(capacity() * 2, ACTIVE_CAPACITY);
        long[] l = new long[c * LONGS];
        Object[] r = new Object[c * REFS];
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            System.arraycopy(longs, s * LONGS, l, i * LONGS, LONGS);
            System.arraycopy(refs, s * REFS, r, i * REFS, REFS);
        }
        longs = l;
        refs = r;
        head = 0;
    }

    long seq(int i) {
        return longs[slot(i) * LONGS];
    }

    long balanceAfter(int i) {
        return longs[slot(i) * LONGS + 7];
    }

    /** The i-th record, oldest first, as a value. */
    LedgerRecord get(int i, String accountId) {
        int s = slot(i);
        int l = s * LONGS;
        return new LedgerRecord(accountId, longs[l], longs[l + 1], TYPES[(int) longs[l + 2]], sessionId(s), longs[l + 3],
                longs[l + 4], longs[l + 5], longs[l + 6], longs[l + 7], longs[l + 8], (String) refs[s * REFS + 1]);
    }

    /** Every record, oldest first, as fields. */
    void forEach(AccountState.LedgerVisitor visitor) {
        for (int i = 0; i < size; i++) {
            int s = slot(i);
            int l = s * LONGS;
            visitor.record(longs[l], longs[l + 1], TYPES[(int) longs[l + 2]], sessionId(s), longs[l + 3], longs[l + 4],
                    longs[l + 5], longs[l + 6], longs[l + 7], longs[l + 8], (String) refs[s * REFS + 1]);
        }
    }

    private String sessionId(int slot) {
        Object session = refs[slot * REFS];
        return session instanceof SessionSlot held ? held.sessionId() : (String) session;
    }

    /**
     * The account forgets {@code session}: its records keep its id instead (by then an old string, so
     * this store makes no old-to-young reference either).
     */
    void detach(SessionSlot session) {
        for (int i = 0; i < size; i++) {
            int s = slot(i) * REFS;
            if (refs[s] == session) {
                refs[s] = session.sessionId();
            }
        }
    }

    void dropOldest() {
        if (size == 0) {
            throw new IllegalStateException("no ledger record to drop");
        }
        int s = slot(0);
        refs[s * REFS] = null;
        refs[s * REFS + 1] = null;
        head = (head + 1) & (capacity() - 1);
        size--;
    }

    /** Forgets the newest records beyond {@code keep} (an undone change). */
    void truncate(int keep) {
        while (size > keep) {
            int s = slot(size - 1);
            refs[s * REFS] = null;
            refs[s * REFS + 1] = null;
            size--;
        }
    }

    /**
     * Drops exported records (seq at or below {@code exportedSeq}) beyond the newest {@code keepExported} of
     * them; records not yet exported always stay.
     */
    void trim(long exportedSeq, int keepExported) {
        int exported = 0;
        while (exported < size && seq(exported) <= exportedSeq) {
            exported++;
        }
        for (int drop = exported - keepExported; drop > 0; drop--) {
            dropOldest();
        }
    }

    /** Records with seq above {@code exportedSeq}, oldest first. */
    ArrayList<LedgerRecord> after(long exportedSeq, String accountId) {
        int first = 0;
        while (first < size && seq(first) <= exportedSeq) {
            first++;
        }
        ArrayList<LedgerRecord> out = new ArrayList<>(size - first);
        for (int i = first; i < size; i++) {
            out.add(get(i, accountId));
        }
        return out;
    }

    List<LedgerRecord> all(String accountId) {
        return after(Long.MIN_VALUE, accountId);
    }

    /** Empties the ring (the account is replaced by another value). */
    void clear() {
        Arrays.fill(refs, null);
        head = 0;
        size = 0;
    }
}

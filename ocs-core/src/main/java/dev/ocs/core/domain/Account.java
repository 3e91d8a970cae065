package dev.ocs.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * A prepaid account as stored in the grid: money, data buckets, the credit-control sessions that
 * hold reservations on it, running totals and the ledger records not yet exported (plus a few
 * recent ones). Every change is made by one atomic command on this value, so the ledger and the
 * balances can never disagree.
 *
 * @param balance          money in minor units, reservations included (free = balance - held)
 * @param openingBalance   money at creation
 * @param credits          all money ever added after opening (top-ups, refunds, credit adjustments)
 * @param debits           all money ever taken (usage, event debits, debit adjustments)
 * @param refundable       money taken by event direct debits and not yet refunded
 * @param bucketCredits    all bucket bytes ever added
 * @param bucketDebits     all bucket bytes ever taken (usage, event debits, expiry)
 * @param reportedBytes    all session volume gateways ever reported used (charged, zero-rated, overuse)
 * @param ledgerSeq        sequence number of the newest ledger record
 * @param exportedSeq      newest sequence number durably exported to CDR files
 * @param ledger           records with seq > exportedSeq, and the most recent exported ones
 * @param references       operator references (top-ups, purchases, adjustments) applied within the
 *                         retention period, oldest first, so that a repeated request is recognised
 *                         inside the same atomic step
 * @param createdAt        when this account was created (epoch ms); an id deleted and created again is
 *                         a new incarnation with a later creation time
 * @param version          1 at creation, one more with every change: the durable store keeps only the
 *                         newest version of each incarnation, whatever order writes arrive in
 */
public record Account(String id, AccountStatus status, List<String> subscribers, long balance,
                      long openingBalance, long credits, long debits, long refundable,
                      List<Bucket> buckets, long nextBucketId, long bucketCredits, long bucketDebits, long reportedBytes,
                      List<SessionState> sessions, long ledgerSeq, long exportedSeq,
                      List<LedgerRecord> ledger, List<OperatorReference> references, long createdAt,
                      long version) {

    public Account {
        Objects.requireNonNull(id, "account id");
        Objects.requireNonNull(status, "account status");
        subscribers = List.copyOf(subscribers);
        buckets = List.copyOf(buckets);
        sessions = List.copyOf(sessions);
        ledger = List.copyOf(ledger);
        references = List.copyOf(references);
        if (balance < 0) {
            throw new IllegalStateException("account " + id + " balance would be negative: " + balance);
        }
    }

    /** The longest account id (the durable store's key column holds it with room to spare). */
    public static final int MAX_ID_LENGTH = 128;

    /** A new active account with its opening balance and an OPENING ledger record. */
    public static Account open(String id, List<String> subscribers, long openingBalance, long now) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("an account id of 1.." + MAX_ID_LENGTH + " characters is required");
        }
        if (openingBalance < 0) {
            throw new IllegalArgumentException("opening balance must be >= 0, got " + openingBalance);
        }
        LedgerRecord opening = new LedgerRecord(id, 1, now, LedgerType.OPENING, "", -1, 0, 0, 0,
                openingBalance, 0, "opening balance " + openingBalance);
        return new Account(id, AccountStatus.ACTIVE, subscribers, openingBalance, openingBalance, 0, 0, 0,
                List.of(), 1, 0, 0, 0, List.of(), 1, 0, List.of(opening), List.of(), now, 1);
    }

    public SessionState session(String sessionId) {
        for (SessionState s : sessions) {
            if (s.sessionId().equals(sessionId)) {
                return s;
            }
        }
        return null;
    }

    /** Money held by open reservations. */
    public long heldMoney() {
        long sum = 0;
        for (SessionState s : sessions) {
            sum += s.moneyHeld();
        }
        return sum;
    }

    public long freeMoney() {
        return balance - heldMoney();
    }

    /** Bytes granted to open sessions and not yet reported used (bucket and money reservations). */
    public long reservedBytes() {
        long sum = 0;
        for (SessionState s : sessions) {
            if (!s.closed()) {
                for (ServiceSession ss : s.services()) {
                    sum += ss.grantedBytes();
                }
            }
        }
        return sum;
    }

    public long openSessions() {
        return sessions.stream().filter(s -> !s.closed()).count();
    }

    /** The earliest time at which housekeeping has something to do: a session or bucket deadline. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (SessionState s : sessions) {
            if (!s.closed()) {
                next = Math.min(next, s.expiresAt());
            }
        }
        for (Bucket b : buckets) {
            next = Math.min(next, b.expiresAt());
        }
        return next;
    }

    /** Records not yet exported, oldest first. */
    public List<LedgerRecord> pendingLedger() {
        int first = 0;
        while (first < ledger.size() && ledger.get(first).seq() <= exportedSeq) {
            first++;
        }
        return ledger.subList(first, ledger.size());
    }

    public long bucketBytes() {
        return Bucket.remaining(buckets);
    }
}

package dev.ocs.core.ledger;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.store.AccountStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks, per account, that money and data add up (reservations aside):
 * <ul>
 *   <li>opening + credits - debits = balance, and bucket credits - bucket debits = bucket bytes;</li>
 *   <li>the ledger itself (records already exported to CDR files plus those still pending in the
 *       account) has no gap in its sequence and sums to the same balance: opening + sum(money) =
 *       balance, sum(bucket bytes) = bucket bytes;</li>
 *   <li>no balance is negative and reservations never exceed the balance.</li>
 * </ul>
 */
public final class LedgerAudit {

    private LedgerAudit() {
    }

    /**
     * @param exported totals of the records already exported, per account (from the CDR files);
     *                 accounts missing from it have exported nothing
     */
    public static List<AuditFinding> audit(AccountStore accounts, Map<String, LedgerTotals> exported) {
        List<AuditFinding> findings = new ArrayList<>();
        accounts.forEach(a -> findings.addAll(audit(a, exported.getOrDefault(a.id(), LedgerTotals.NONE))));
        return findings;
    }

    /** Audits every account against the records exported to {@code files}. */
    public static List<AuditFinding> audit(AccountStore accounts, CdrFiles files) throws java.io.IOException {
        return audit(accounts, List.of(files));
    }

    /** Audits every account against the records exported by the nodes of a cluster, each record counted once. */
    public static List<AuditFinding> audit(AccountStore accounts, List<CdrFiles> nodes) throws java.io.IOException {
        Map<String, Long> createdAt = new java.util.HashMap<>();
        accounts.forEach(a -> createdAt.put(a.id(), a.createdAt()));
        return audit(accounts, CdrFiles.totals(nodes, createdAt));
    }

    public static List<AuditFinding> audit(Account a, LedgerTotals exported) {
        List<AuditFinding> f = new ArrayList<>(0);
        check(f, a, "opening + credits - debits = balance", a.openingBalance() + a.credits() - a.debits(), a.balance());
        check(f, a, "bucket credits - bucket debits = bucket bytes", a.bucketCredits() - a.bucketDebits(), a.bucketBytes());
        check(f, a, "exported records reach the exported sequence", a.exportedSeq(), exported.lastSeq());
        check(f, a, "exported records have no gap", exported.lastSeq(), exported.records());
        LedgerTotals all = exported;
        long expectSeq = a.exportedSeq() + 1;
        for (LedgerRecord r : a.ledger()) {
            if (r.seq() <= a.exportedSeq()) {
                continue;
            }
            check(f, a, "pending ledger sequence", expectSeq, r.seq());
            expectSeq = r.seq() + 1;
            all = all.plus(r.seq(), r.money(), r.bucketBytes());
        }
        check(f, a, "ledger reaches the newest sequence", a.ledgerSeq(), all.lastSeq());
        check(f, a, "opening + ledger money = balance", a.openingBalance() + all.money(), a.balance());
        check(f, a, "ledger bucket bytes = bucket bytes", all.bucketBytes(), a.bucketBytes());
        if (!a.ledger().isEmpty() && a.ledger().getLast().seq() == a.ledgerSeq()) {
            check(f, a, "newest record's buckets after = bucket bytes", a.ledger().getLast().bucketsAfter(), a.bucketBytes());
        }
        if (a.balance() < 0) {
            check(f, a, "balance >= 0", 0, a.balance());
        }
        if (a.heldMoney() > a.balance()) {
            check(f, a, "held money <= balance", a.balance(), a.heldMoney());
        }
        return f;
    }

    private static void check(List<AuditFinding> findings, Account a, String rule, long expected, long actual) {
        if (expected != actual) {
            findings.add(new AuditFinding(a.id(), rule, expected, actual));
        }
    }
}

package dev.ocs.core.ledger;

/** One disagreement the ledger audit found on one account. */
public record AuditFinding(String accountId, String rule, long expected, long actual) {

    @Override
    public String toString() {
        return "account " + accountId + ": " + rule + " expected " + expected + " but was " + actual;
    }
}

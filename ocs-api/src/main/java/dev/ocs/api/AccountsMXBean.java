package dev.ocs.api;

import java.util.List;

/**
 * Operators' account operations, {@code ocs:type=Accounts}. Money in minor units. Every change takes
 * an idempotency reference: the same reference twice applies once and says DUPLICATE. Bad input
 * (unknown account, negative amount, unknown bundle, malformed MSISDN) fails with a message and
 * changes nothing.
 */
public interface AccountsMXBean {

    /** Creates an account; {@code subscribers} like {@code e164:491700000001} or {@code imsi:262...}. */
    AccountView createAccount(String accountId, List<String> subscribers, long openingBalance);

    AccountView getAccount(String accountId);

    /** The account an identity belongs to. */
    String findAccount(String subscriber);

    /** Recharges money; answers APPLIED or DUPLICATE with the balance. */
    String topUp(String accountId, long amount, String reference);

    /** Credits (> 0) or debits (< 0) money with a reason. */
    String adjust(String accountId, long amount, String reason, String reference);

    /** Buys a catalogue bundle with the account's money. */
    String buyBundle(String accountId, String bundle, String reference);

    List<String> getBundles();

    void bar(String accountId);

    void unbar(String accountId);

    /** The newest {@code count} ledger records the account still holds (older ones are in the CDR files). */
    List<LedgerView> ledger(String accountId, int count);

    int getAccountCount();

    /** Adds an identity ({@code e164:...}, {@code imsi:...}) to the account. */
    void addSubscriber(String accountId, String subscriber);

    /** Removes an identity from the account. */
    void removeSubscriber(String accountId, String subscriber);

    /** Open credit-control sessions of the account. */
    List<String> listSessions(String accountId);

    /** Releases what an open session holds and closes it. */
    String releaseSession(String accountId, String sessionId, String reason);

    /** Deletes an account without open sessions and frees its identities. */
    void deleteAccount(String accountId);

    /**
     * Bulk provisioning: accounts {@code prefix0 .. prefix(count-1)}, account i with MSISDN
     * {@code firstMsisdn + i} and the opening balance; existing ids are left alone. Answers how many were created.
     */
    int createAccounts(String prefix, long firstMsisdn, int count, long openingBalance);

    /**
     * Exports the pending ledger, then audits every account against the CDR files and its own totals
     * (opening + ledger = balance, no sequence gaps, ...). Empty when everything balances.
     */
    List<String> listAuditFindings();
}

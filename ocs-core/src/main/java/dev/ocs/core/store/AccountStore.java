package dev.ocs.core.store;

import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.domain.Account;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Accounts by id. Every change is one atomic {@link AccountCommand} on one account. */
public interface AccountStore {

    /** Stores a new account; {@code false} when the id is taken. */
    boolean create(Account account);

    /** The account, or {@code null}. */
    Account get(String accountId);

    /** Removes the account; {@code false} when there was none. */
    boolean delete(String accountId);

    /** Runs the command atomically on the account (which may be absent: the command then sees {@code null}). */
    <R> CompletableFuture<R> execute(String accountId, AccountCommand<R> command);

    /**
     * Runs the command on every account whose {@link Account#nextDeadline()} is at or before {@code dueAt}
     * (in a cluster one member does it for all, so that each account is swept once; the others get an empty map).
     */
    <R> Map<String, R> executeOnDue(long dueAt, AccountCommand<R> command);

    /** Ledger records not yet exported, by account id (in a cluster one member exports for all; the others get none). */
    Map<String, List<dev.ocs.core.domain.LedgerRecord>> pendingLedger();

    /**
     * Marks each account's ledger records up to the given sequence number as exported, in as few
     * grid operations as the store can manage (the exporter acknowledges thousands of accounts at once).
     */
    void acknowledgeLedger(Map<String, Long> exportedUpTo);

    /** Sums over all accounts, computed where they live (monitoring). */
    AccountTotals totals();

    /** Visits every account (audits); in a grid every account travels to the caller. */
    void forEach(Consumer<Account> visitor);

    int size();
}

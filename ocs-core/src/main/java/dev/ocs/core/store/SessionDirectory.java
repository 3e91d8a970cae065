package dev.ocs.core.store;

import java.util.concurrent.CompletableFuture;

/**
 * Diameter Session-Id to account id, so that UPDATE and TERMINATION need no Subscription-Id.
 * Entries nobody reads for longer than the idle time the store was built with disappear by
 * themselves: a session that stopped talking needs no entry, and a terminated one keeps it long
 * enough to answer retransmissions.
 */
public interface SessionDirectory {

    /** The account id, or {@code null} when the session is unknown. */
    CompletableFuture<String> accountOf(String sessionId);

    CompletableFuture<Void> bind(String sessionId, String accountId);

    /**
     * The session has ended: keep its entry only {@code seconds} longer (for retransmissions of
     * its last request), instead of the idle time an open session needs.
     */
    CompletableFuture<Void> retire(String sessionId, String accountId, long seconds);
}

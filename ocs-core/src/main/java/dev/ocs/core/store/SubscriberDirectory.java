package dev.ocs.core.store;

import java.util.concurrent.CompletableFuture;

/** Subscriber identity key ({@code e164:...}, {@code imsi:...}) to account id. */
public interface SubscriberDirectory {

    /** The account id, or {@code null} when the identity is unknown. */
    CompletableFuture<String> accountOf(String subscriberKey);

    /** Binds the identity to the account unless it is bound already; answers the account it is bound to. */
    String bindIfAbsent(String subscriberKey, String accountId);

    /** Removes the binding if it points at {@code accountId}. */
    boolean unbind(String subscriberKey, String accountId);
}

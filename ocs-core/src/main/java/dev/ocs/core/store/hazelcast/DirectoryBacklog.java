package dev.ocs.core.store.hazelcast;

import com.hazelcast.map.IMap;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.SessionState;
import dev.ocs.core.store.SessionDirectory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Accounts loaded from the durable store whose identities and sessions are not yet bound in the
 * grid's directories. The directories are derived data: an account's own subscriber list and
 * sessions are the truth, so after a restart they are rebuilt from exactly the accounts that were
 * loaded, and can never disagree with them.
 */
final class DirectoryBacklog {

    private static final int CHUNK = 10_000;

    private final ConcurrentLinkedQueue<Account> loaded = new ConcurrentLinkedQueue<>();

    void add(Account a) {
        loaded.add(a);
    }

    boolean isEmpty() {
        return loaded.isEmpty();
    }

    /**
     * Binds the identities and sessions of every account loaded since the last call: open sessions
     * with the idle time of a live session, closed ones for the retransmission window.
     *
     * @return identities and sessions bound
     */
    long[] drainInto(IMap<String, String> subscribers, SessionDirectory sessions, long retransmissionSeconds) {
        Map<String, String> identities = new HashMap<>();
        List<CompletableFuture<Void>> bound = new ArrayList<>();
        long identityCount = 0;
        long sessionCount = 0;
        Account a;
        while ((a = loaded.poll()) != null) {
            for (String key : a.subscribers()) {
                identities.put(key, a.id());
            }
            for (SessionState s : a.sessions()) {
                // open: for the directory's idle time, as a session an INITIAL binds
                bound.add(s.closed() ? sessions.retire(s.sessionId(), a.id(), retransmissionSeconds)
                        : sessions.bind(s.sessionId(), a.id()));
                sessionCount++;
            }
            if (identities.size() >= CHUNK) {
                identityCount += identities.size();
                subscribers.putAll(identities);
                identities.clear();
            }
        }
        identityCount += identities.size();
        subscribers.putAll(identities);
        CompletableFuture.allOf(bound.toArray(new CompletableFuture<?>[0])).join();
        return new long[] {identityCount, sessionCount};
    }
}

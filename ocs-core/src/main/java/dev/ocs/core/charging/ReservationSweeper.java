package dev.ocs.core.charging;

import dev.ocs.core.rules.SweepCommand;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Releases reservations of sessions that stopped reporting (validity + grace passed) and writes off
 * expired buckets, on every account that has such a deadline due.
 */
public final class ReservationSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(ReservationSweeper.class);

    private final AccountStore accounts;
    private final Clock clock;

    public ReservationSweeper(AccountStore accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Sweeps once; answers the number of sessions whose reservations were released. */
    public int sweep() {
        long now = clock.millis();
        Map<String, List<String>> closed = accounts.executeOnDue(now, new SweepCommand(now));
        int sessions = closed.values().stream().mapToInt(List::size).sum();
        if (sessions > 0) {
            LOG.info("released the reservations of {} silent sessions", sessions);
        }
        return sessions;
    }

    /** For a scheduler: sweeps, logging instead of throwing so the schedule keeps running. */
    public void run() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("reservation sweep failed; it is retried at the next interval", e);
        }
    }
}

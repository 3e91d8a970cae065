package dev.ocs.core.charging;

import dev.ocs.core.rating.TariffTable;

import java.util.Objects;

/**
 * The rules every account operation applies. The same policy must be loaded on every grid member
 * (it comes from the same configuration), so that an operation replayed on a backup decides alike.
 *
 * @param quotaBytes                 the most octets one grant gives (the configured quota size)
 * @param validitySeconds            Validity-Time of a grant
 * @param graceSeconds               extra time after validity before the sweeper releases a reservation
 * @param retransmissionWindowSeconds how long a closed session's last answer is kept for retransmissions
 * @param maxClosedSessions          closed sessions kept per account for retransmissions (oldest dropped first)
 * @param recentLedgerRecords        exported ledger records kept in the account for inspection
 */
public record ChargingPolicy(long quotaBytes, long validitySeconds, long graceSeconds,
                             long retransmissionWindowSeconds, int maxClosedSessions, int recentLedgerRecords,
                             TariffTable tariffs) {

    public ChargingPolicy {
        Objects.requireNonNull(tariffs, "tariffs");
        if (quotaBytes <= 0) {
            throw new IllegalArgumentException("quota size must be > 0 bytes");
        }
        if (validitySeconds <= 0 || validitySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("validity time must be 1..2^32-1 seconds");
        }
        if (graceSeconds < 0 || retransmissionWindowSeconds < 0) {
            throw new IllegalArgumentException("grace and retransmission window must be >= 0 seconds");
        }
        if (maxClosedSessions < 1 || recentLedgerRecords < 0) {
            throw new IllegalArgumentException("max closed sessions must be >= 1, recent ledger records >= 0");
        }
    }

    /**
     * How long a silent session's Session-Id binding is kept: until the sweeper has released it
     * (validity + grace), and then the retransmission window.
     */
    public long sessionIdleSeconds() {
        return validitySeconds + graceSeconds + retransmissionWindowSeconds;
    }

    /** When a session active at {@code now} is considered dead if it does not report again. */
    public long sessionDeadline(long now) {
        return now + (validitySeconds + graceSeconds) * 1000L;
    }
}

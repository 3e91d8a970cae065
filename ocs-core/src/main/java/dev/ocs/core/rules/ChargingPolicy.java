package dev.ocs.core.rules;

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
 * @param overusePercent             usage reported beyond a grant is billed up to this share of the grant ...
 * @param overuseBytes               ... or up to this many bytes, whichever is more; beyond it the usage is
 *                                   recorded as unbilled overuse (a gateway's report cannot drain an account)
 * @param maxReportBytes             a single report of more than this is not believed: the request is refused
 *                                   and nothing is charged
 */
public record ChargingPolicy(long quotaBytes, long validitySeconds, long graceSeconds,
                             long retransmissionWindowSeconds, int maxClosedSessions, int recentLedgerRecords,
                             TariffTable tariffs, int overusePercent, long overuseBytes, long maxReportBytes) {

    /** Usage beyond a grant billed up to 10 % of the grant: counters of gateways run a little past their quota. */
    public static final int OVERUSE_PERCENT_DEFAULT = 10;
    /** ... or up to 1 MiB: a report that comes after its reservation expired still pays for a little. */
    public static final long OVERUSE_BYTES_DEFAULT = 1L << 20;
    /** 1 TiB in one report is no real usage between two reports: refused (5004), nothing charged. */
    public static final long MAX_REPORT_BYTES_DEFAULT = 1L << 40;

    /** The policy with the default overuse tolerance and report limit. */
    public ChargingPolicy(long quotaBytes, long validitySeconds, long graceSeconds, long retransmissionWindowSeconds,
                          int maxClosedSessions, int recentLedgerRecords, TariffTable tariffs) {
        this(quotaBytes, validitySeconds, graceSeconds, retransmissionWindowSeconds, maxClosedSessions, recentLedgerRecords,
                tariffs, OVERUSE_PERCENT_DEFAULT, OVERUSE_BYTES_DEFAULT, MAX_REPORT_BYTES_DEFAULT);
    }

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
        if (overusePercent < 0 || overusePercent > 1_000 || overuseBytes < 0 || maxReportBytes < 1) {
            throw new IllegalArgumentException("overuse percent must be 0..1000, overuse bytes >= 0, max report bytes >= 1");
        }
    }

    /** Bytes beyond a grant of {@code grantedBytes} that are still billed (grants are below 2^43: no overflow). */
    public long overuseAllowance(long grantedBytes) {
        return overuseAllowance(grantedBytes, false);
    }

    /** The same for a grant in seconds: the share only (the absolute allowance is octets). */
    public long overuseAllowance(long granted, boolean seconds) {
        long share = granted > Long.MAX_VALUE / 100 ? granted / 100 * overusePercent : granted * overusePercent / 100;
        return seconds ? share : Math.max(share, overuseBytes);
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

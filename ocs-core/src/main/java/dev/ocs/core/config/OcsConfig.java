package dev.ocs.core.config;

import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.rating.Tariff;
import dev.ocs.core.rating.TariffTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCS configuration (config/ocs.yaml), validated once at start-up. Money is in minor units of
 * {@code currency}, data in bytes, times in seconds. Every default lives here, with its reason.
 *
 * @param currency              ISO 4217 code of the one currency balances are kept in
 * @param currencyExponent      minor units per major unit as a power of ten (EUR: 2)
 * @param policy                the charging rules (quota size, validity, grace, tariffs, ...)
 * @param sweepIntervalSeconds  how often silent sessions and expired buckets are swept
 * @param thresholds            low-balance warning levels
 * @param grid                  the data grid
 * @param ledger                where the ledger is exported
 * @param persistence           where the durable copy of the accounts is kept
 * @param accounts              accounts created at start-up when absent (the demo set in the shipped file)
 * @param root                  the whole file, for sections other modules own (e.g. {@code diameter})
 */
public record OcsConfig(String currency, int currencyExponent, ChargingPolicy policy, long sweepIntervalSeconds,
                        Thresholds thresholds, GridConfig grid, LedgerConfig ledger, PersistenceConfig persistence,
                        List<AccountSeed> accounts, List<Bundle> bundles, ConfigTree root) {

    /** 10 MiB: large enough that a streaming subscriber reports every few seconds, not every packet. */
    public static final long QUOTA_BYTES_DEFAULT = 10L * 1024 * 1024;
    /** 10 minutes: how long a grant may be used before the gateway must report (TS 32.299 typical). */
    public static final long VALIDITY_SECONDS_DEFAULT = 600;
    /** 1 minute of slack for a gateway's late report before the sweeper releases its reservation. */
    public static final long GRACE_SECONDS_DEFAULT = 60;
    /**
     * 1 minute: a gateway retransmits within its Tx timer (RFC 4006 default 10 s), after failover
     * within a watchdog interval (30 s) more; every closed session kept costs memory in its account.
     */
    public static final long RETRANSMISSION_WINDOW_SECONDS_DEFAULT = 60;
    /** Closed sessions an account remembers for retransmissions; the oldest go first. */
    public static final int MAX_CLOSED_SESSIONS_DEFAULT = 8;
    /**
     * Exported ledger records kept in the account for operators to inspect (all of them are in the CDR
     * files). Few: every record an account keeps outlives young collections and is copied by the GC;
     * with 100,000 busy accounts, 16 instead of 0 made the survivors copied per young pause 30-40 %
     * larger (measured with bench/load-bench.sh).
     */
    public static final int RECENT_LEDGER_RECORDS_DEFAULT = 4;
    public static final long SWEEP_INTERVAL_SECONDS_DEFAULT = 10;

    public record Thresholds(long lowBalanceMoney, long lowBalanceBytes) {
    }

    /**
     * @param cdrDirectory           where CDR files are written
     * @param exportIntervalMillis   how often pending ledger records are exported
     */
    public record LedgerConfig(Path cdrDirectory, long exportIntervalMillis) {
    }

    public record BucketSeed(String name, long bytes, long validDays, List<Long> ratingGroups) {
    }

    /** A bundle of the catalogue: {@code bytes} for {@code validDays}, bought for {@code price}. */
    public record Bundle(String name, long price, long bytes, long validDays, List<Long> ratingGroups) {
    }

    /** The catalogue bundle of that name, or {@code null}. */
    public Bundle bundle(String name) {
        return bundles.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    public record AccountSeed(String id, List<SubscriberId> subscribers, long balance, List<BucketSeed> buckets) {
    }

    public static OcsConfig load(Path file) {
        return from(ConfigTree.load(file));
    }

    public static OcsConfig defaults() {
        return from(ConfigTree.empty());
    }

    public static OcsConfig from(ConfigTree root) {
        root.rejectUnknown("currency", "currency-exponent", "charging", "tariffs", "thresholds", "grid", "ledger",
                "accounts", "bundles", "diameter", "jmx", "persistence", "metrics");
        String currency = root.string("currency", "EUR");
        if (!currency.matches("[A-Z]{3}")) {
            throw new ConfigException(root.key("currency") + " must be an ISO 4217 code like EUR, got '" + currency + "'");
        }
        int exponent = (int) root.longValue("currency-exponent", 2, 0, 6);

        ConfigTree c = root.section("charging").rejectUnknown("quota-bytes", "validity-seconds", "grace-seconds",
                "retransmission-window-seconds", "max-closed-sessions", "recent-ledger-records", "sweep-interval-seconds",
                "overuse-percent", "overuse-bytes", "max-report-bytes");
        ChargingPolicy policy = new ChargingPolicy(
                c.longValue("quota-bytes", QUOTA_BYTES_DEFAULT, 1, 0xFFFF_FFFFL * 1024),
                c.longValue("validity-seconds", VALIDITY_SECONDS_DEFAULT, 1, 0xFFFF_FFFFL),
                c.longValue("grace-seconds", GRACE_SECONDS_DEFAULT, 0, 86_400),
                c.longValue("retransmission-window-seconds", RETRANSMISSION_WINDOW_SECONDS_DEFAULT, 0, 86_400),
                (int) c.longValue("max-closed-sessions", MAX_CLOSED_SESSIONS_DEFAULT, 1, 10_000),
                (int) c.longValue("recent-ledger-records", RECENT_LEDGER_RECORDS_DEFAULT, 0, 10_000),
                tariffs(root),
                (int) c.longValue("overuse-percent", ChargingPolicy.OVERUSE_PERCENT_DEFAULT, 0, 1_000),
                c.longValue("overuse-bytes", ChargingPolicy.OVERUSE_BYTES_DEFAULT, 0, 1L << 40),
                c.longValue("max-report-bytes", ChargingPolicy.MAX_REPORT_BYTES_DEFAULT, 1, 1L << 50));
        long sweep = c.longValue("sweep-interval-seconds", SWEEP_INTERVAL_SECONDS_DEFAULT, 1, 3_600);

        ConfigTree th = root.section("thresholds").rejectUnknown("low-balance-money", "low-balance-bytes");
        Thresholds thresholds = new Thresholds(th.longValue("low-balance-money", 0, 0, Long.MAX_VALUE),
                th.longValue("low-balance-bytes", 0, 0, Long.MAX_VALUE));

        ConfigTree l = root.section("ledger").rejectUnknown("cdr-directory", "export-interval-millis");
        LedgerConfig ledger = new LedgerConfig(Path.of(l.string("cdr-directory", "var/cdr")),
                l.longValue("export-interval-millis", 1_000, 10, 60_000));

        List<Bundle> bundles = bundles(root);
        List<AccountSeed> accounts = accounts(root);
        java.util.Set<Long> timed = policy.tariffs().timedGroups();
        for (Bundle b : bundles) {
            octetGroupsOnly(timed, b.ratingGroups(), "bundle " + b.name());
        }
        for (AccountSeed a : accounts) {
            for (BucketSeed b : a.buckets()) {
                octetGroupsOnly(timed, b.ratingGroups(), "bucket " + b.name() + " of account " + a.id());
            }
        }
        return new OcsConfig(currency, exponent, policy, sweep, thresholds, GridConfig.from(root.section("grid")),
                ledger, PersistenceConfig.from(root.section("persistence")), accounts, bundles, root);
    }

    /** Buckets hold octets: a rating group priced per second cannot draw from one. */
    private static void octetGroupsOnly(java.util.Set<Long> timed, List<Long> ratingGroups, String what) {
        for (Long rg : ratingGroups) {
            if (timed.contains(rg)) {
                throw new ConfigException(what + " names rating group " + rg + ", which is priced per second: "
                        + "buckets hold octets");
            }
        }
    }

    private static List<Bundle> bundles(ConfigTree root) {
        List<Bundle> bundles = new ArrayList<>();
        for (ConfigTree b : root.sections("bundles")) {
            b.rejectUnknown("name", "price", "bytes", "valid-days", "rating-groups");
            String name = b.requiredString("name");
            if (bundles.stream().anyMatch(x -> x.name().equals(name))) {
                throw new ConfigException(b.key("name") + ": bundle '" + name + "' is defined twice");
            }
            bundles.add(new Bundle(name, b.requiredLong("price", 0, Long.MAX_VALUE), b.requiredLong("bytes", 1, Long.MAX_VALUE),
                    b.longValue("valid-days", 30, 1, 3_650), b.longs("rating-groups")));
        }
        return List.copyOf(bundles);
    }

    private static TariffTable tariffs(ConfigTree root) {
        Map<Long, Tariff> table = new LinkedHashMap<>();
        for (ConfigTree t : root.sections("tariffs")) {
            t.rejectUnknown("rating-group", "mode", "price-per-block", "block-bytes", "block-seconds", "quota-seconds");
            long rg = t.requiredLong("rating-group", 0, 0xFFFF_FFFFL);
            String mode = t.string("mode", "priced");
            Tariff tariff = switch (mode) {
                case "priced" -> new Tariff.Priced(t.requiredLong("price-per-block", 1, Long.MAX_VALUE),
                        t.requiredLong("block-bytes", 1, Long.MAX_VALUE));
                // a time-based pass: priced per started block of seconds, granted quota-seconds at a time (CC-Time)
                case "timed" -> new Tariff.Priced(t.requiredLong("price-per-block", 1, Long.MAX_VALUE),
                        t.requiredLong("block-seconds", 1, 0xFFFF_FFFFL), Tariff.Unit.SECONDS,
                        t.requiredLong("quota-seconds", 1, 0xFFFF_FFFFL));
                case "zero-rated" -> new Tariff.ZeroRated();
                case "blocked" -> new Tariff.Blocked();
                default -> throw new ConfigException(t.key("mode") + " must be priced, timed, zero-rated or blocked, got '"
                        + mode + "'");
            };
            if (table.put(rg, tariff) != null) {
                throw new ConfigException(t.key("rating-group") + ": rating group " + rg + " has two tariffs");
            }
        }
        return new TariffTable(table);
    }

    private static List<AccountSeed> accounts(ConfigTree root) {
        List<AccountSeed> seeds = new ArrayList<>();
        for (ConfigTree a : root.sections("accounts")) {
            a.rejectUnknown("id", "subscribers", "balance", "buckets");
            List<SubscriberId> subs = new ArrayList<>();
            for (String s : a.strings("subscribers", List.of())) {
                try {
                    subs.add(SubscriberId.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(a.key("subscribers") + ": " + e.getMessage());
                }
            }
            List<BucketSeed> buckets = new ArrayList<>();
            for (ConfigTree b : a.sections("buckets")) {
                b.rejectUnknown("name", "bytes", "valid-days", "rating-groups");
                buckets.add(new BucketSeed(b.string("name", "bucket"), b.requiredLong("bytes", 1, Long.MAX_VALUE),
                        b.longValue("valid-days", 30, 1, 3_650), b.longs("rating-groups")));
            }
            seeds.add(new AccountSeed(a.requiredString("id"), subs, a.longValue("balance", 0, 0, Long.MAX_VALUE), buckets));
        }
        return seeds;
    }
}

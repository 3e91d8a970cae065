package dev.ocs.api;

/** The names the OCS registers its MXBeans under (one domain, {@code ocs}). */
public final class ObjectNames {

    /** {@link AccountsMXBean}: accounts, balances, bundles, sessions, ledger, audit. */
    public static final String ACCOUNTS = "ocs:type=Accounts";
    /** {@link StatsMXBean}: requests, outcomes, latency, sessions, reservations, grid, store. */
    public static final String STATS = "ocs:type=Stats";
    /** {@link LoadTestMXBean}: the load client's bulk reads. */
    public static final String LOAD_TEST = "ocs:type=LoadTest";

    private ObjectNames() {
    }
}

package dev.ocs.core.config;

import java.nio.file.Path;

/**
 * Where the durable copy of the accounts is kept and how charging changes reach it (section
 * {@code persistence} of config/ocs.yaml).
 *
 * @param backend             {@link Backend#SQLITE} (default: a file, nothing to install),
 *                            {@link Backend#POSTGRESQL} (production, shared by the members of a cluster)
 *                            or {@link Backend#NONE} (memory only: a restart loses everything)
 * @param sqliteFile          the SQLite database file
 * @param url                 the PostgreSQL JDBC URL
 * @param user                the PostgreSQL user
 * @param password            the PostgreSQL password (or from the environment variable {@code OCS_DB_PASSWORD})
 * @param poolSize            database connections per member
 * @param connectTimeoutMillis how long to wait for a connection before a write counts as failed
 * @param flushIntervalMillis how often each member writes the accounts changed since its last write:
 *                            the charging that a crash of every member at once can lose
 * @param batchSize           accounts per database transaction
 * @param maxOutageSeconds    how long charging goes on from memory while the database cannot be
 *                            written; after it, requests that would grant or debit are refused (3004)
 */
public record PersistenceConfig(Backend backend, Path sqliteFile, String url, String user, String password,
                                int poolSize, long connectTimeoutMillis, long flushIntervalMillis, int batchSize,
                                long maxOutageSeconds) {

    public enum Backend { NONE, SQLITE, POSTGRESQL }

    public static final Path SQLITE_FILE_DEFAULT = Path.of("var/ocs.db");
    public static final String URL_DEFAULT = "jdbc:postgresql://127.0.0.1:5432/ocs";
    /** SQLite has one writer anyway; PostgreSQL: the write-behind, the exporter and operators each need one. */
    public static final int POOL_SIZE_DEFAULT = 4;
    /** Short: an unreachable database should show in statistics within seconds, not after a TCP timeout. */
    public static final long CONNECT_TIMEOUT_MILLIS_DEFAULT = 3_000;
    /**
     * 100 ms: the loss window of a crash of every member is this plus one transaction (measured: see
     * README); shorter costs database transactions, longer widens the window and keeps more changed
     * accounts waiting in memory, which young collections copy (at 10,000 CCR/s, 500 ms against
     * 100 ms: GC time 316 / 349 against 221 / 234 ms in 20 s, the same CPU).
     */
    public static final long FLUSH_INTERVAL_MILLIS_DEFAULT = 100;
    public static final int BATCH_SIZE_DEFAULT = 1_000;
    /** 5 minutes: rides out a PostgreSQL fail-over; beyond it the OCS stops granting what it cannot record. */
    public static final long MAX_OUTAGE_SECONDS_DEFAULT = 300;

    public static PersistenceConfig memoryOnly() {
        return new PersistenceConfig(Backend.NONE, SQLITE_FILE_DEFAULT, URL_DEFAULT, "ocs", "", POOL_SIZE_DEFAULT,
                CONNECT_TIMEOUT_MILLIS_DEFAULT, FLUSH_INTERVAL_MILLIS_DEFAULT, BATCH_SIZE_DEFAULT, MAX_OUTAGE_SECONDS_DEFAULT);
    }

    public PersistenceConfig withBackend(Backend b) {
        return new PersistenceConfig(b, sqliteFile, url, user, password, poolSize, connectTimeoutMillis,
                flushIntervalMillis, batchSize, maxOutageSeconds);
    }

    static PersistenceConfig from(ConfigTree t) {
        t.rejectUnknown("backend", "sqlite-file", "url", "user", "password", "pool-size", "connect-timeout-millis",
                "flush-interval-millis", "batch-size", "max-outage-seconds");
        String name = t.string("backend", "sqlite");
        Backend backend = switch (name) {
            case "sqlite" -> Backend.SQLITE;
            case "postgresql" -> Backend.POSTGRESQL;
            case "none" -> Backend.NONE;
            default -> throw new ConfigException(t.key("backend") + " must be sqlite, postgresql or none, got '" + name + "'");
        };
        String url = t.string("url", URL_DEFAULT);
        if (backend == Backend.POSTGRESQL && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(t.key("url") + " must be a jdbc:postgresql: URL, got '" + url + "'");
        }
        String password = t.string("password", "");
        if (password.isEmpty() && System.getenv("OCS_DB_PASSWORD") != null) {
            password = System.getenv("OCS_DB_PASSWORD");
        }
        return new PersistenceConfig(backend, Path.of(t.string("sqlite-file", SQLITE_FILE_DEFAULT.toString())), url,
                t.string("user", "ocs"), password, (int) t.longValue("pool-size", POOL_SIZE_DEFAULT, 2, 64),
                t.longValue("connect-timeout-millis", CONNECT_TIMEOUT_MILLIS_DEFAULT, 250, 60_000),
                t.longValue("flush-interval-millis", FLUSH_INTERVAL_MILLIS_DEFAULT, 10, 60_000),
                (int) t.longValue("batch-size", BATCH_SIZE_DEFAULT, 1, 100_000),
                t.longValue("max-outage-seconds", MAX_OUTAGE_SECONDS_DEFAULT, 1, 86_400));
    }
}

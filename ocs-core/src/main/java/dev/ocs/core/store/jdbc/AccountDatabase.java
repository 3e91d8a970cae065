package dev.ocs.core.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ocs.core.config.PersistenceConfig;
import dev.ocs.core.store.StoreUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the configured database: a connection pool, then the schema brought up to date by the
 * versioned migrations under {@code db/migration/<sqlite|postgresql>} (Flyway), then the repository.
 * SQLite runs in WAL mode with {@code synchronous=FULL}: a committed write survives a power cut, and
 * readers never wait for the writer.
 */
public final class AccountDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(AccountDatabase.class);

    private AccountDatabase() {
    }

    /** @throws StoreUnavailableException when the database cannot be reached or migrated */
    public static JdbcAccountRepository open(PersistenceConfig c) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("ocs-db");
        hc.setMaximumPoolSize(c.poolSize());
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(c.connectTimeoutMillis());
        hc.setValidationTimeout(Math.min(c.connectTimeoutMillis(), 1_000));
        String description;
        String vendor;
        switch (c.backend()) {
            case SQLITE -> {
                Path file = c.sqliteFile().toAbsolutePath();
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw new StoreUnavailableException("cannot create the directory of " + file + ": " + e.getMessage(), e);
                }
                hc.setJdbcUrl("jdbc:sqlite:" + file);
                hc.addDataSourceProperty("journal_mode", "WAL");
                hc.addDataSourceProperty("synchronous", "FULL");
                hc.addDataSourceProperty("busy_timeout", "10000");
                description = "sqlite " + c.sqliteFile();
                vendor = "sqlite";
            }
            case POSTGRESQL -> {
                hc.setJdbcUrl(c.url());
                hc.setUsername(c.user());
                hc.setPassword(c.password());
                hc.addDataSourceProperty("reWriteBatchedInserts", "true");
                hc.addDataSourceProperty("ApplicationName", "ocs");
                hc.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, c.connectTimeoutMillis() / 1000)));
                hc.addDataSourceProperty("socketTimeout", "30");
                description = "postgresql " + c.url();
                vendor = "postgresql";
            }
            default -> throw new IllegalArgumentException("no database for backend " + c.backend());
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open " + description + ": " + rootMessage(e), e);
        }
        try {
            MigrateResult r = Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + vendor)
                    .loggers("slf4j").load().migrate();
            LOG.info("{}: schema version {} ({} migration(s) applied now)", description,
                    r.targetSchemaVersion == null ? r.initialSchemaVersion : r.targetSchemaVersion, r.migrationsExecuted);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("cannot migrate the schema of " + description + ": " + rootMessage(e), e);
        }
        return new JdbcAccountRepository(pool, pool, description, c.batchSize());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}

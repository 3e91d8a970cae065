package dev.ocs.core.store.jdbc;

import dev.ocs.core.config.PersistenceConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.store.AccountRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqliteAccountRepositoryTest extends AccountRepositoryContract {

    @TempDir
    Path dir;
    private JdbcAccountRepository repo;

    static PersistenceConfig sqlite(Path file) {
        PersistenceConfig d = PersistenceConfig.memoryOnly();
        return new PersistenceConfig(PersistenceConfig.Backend.SQLITE, file, d.url(), d.user(), d.password(), d.poolSize(),
                d.connectTimeoutMillis(), d.flushIntervalMillis(), 100, d.maxOutageSeconds());
    }

    @BeforeEach
    void open() {
        repo = AccountDatabase.open(sqlite(dir.resolve("var/ocs.db")));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    @Override
    AccountRepository repository() {
        return repo;
    }

    @Test
    void theFileKeepsAccountsAcrossReopeningAndMigratesOnce() {
        Account a = SampleAccounts.rich("sqlite-reopen");
        repo.save(List.of(a), List.of());
        repo.close();
        repo = AccountDatabase.open(sqlite(dir.resolve("var/ocs.db")));
        assertEquals(a, repo.load("sqlite-reopen"));
        assertEquals(1, repo.rows());
    }

    @Test
    void theFileIsInWriteAheadLogMode() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("var/ocs.db"));
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }
}

package dev.ocs.core.store.jdbc;

import dev.ocs.core.config.PersistenceConfig;
import dev.ocs.core.store.AccountRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The repository contract on a real PostgreSQL (a throwaway cluster started for this class). */
class PostgresAccountRepositoryIT extends AccountRepositoryContract {

    private static PostgresCluster pg;
    private static JdbcAccountRepository repo;

    static PersistenceConfig postgres(String url) {
        PersistenceConfig d = PersistenceConfig.memoryOnly();
        return new PersistenceConfig(PersistenceConfig.Backend.POSTGRESQL, d.sqliteFile(), url, "ocs", "", d.poolSize(),
                d.connectTimeoutMillis(), d.flushIntervalMillis(), 100, d.maxOutageSeconds());
    }

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresCluster.start();
        repo = AccountDatabase.open(postgres(pg.jdbcUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (repo != null) {
            repo.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    AccountRepository repository() {
        return repo;
    }
}

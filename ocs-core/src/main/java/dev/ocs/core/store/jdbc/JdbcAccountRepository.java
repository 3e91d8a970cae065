package dev.ocs.core.store.jdbc;

import dev.ocs.core.domain.Account;
import dev.ocs.core.store.codec.AccountCodec;
import dev.ocs.core.store.codec.AccountRow;
import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.StoreUnavailableException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts table over JDBC, one SQL text for SQLite and PostgreSQL (both take
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}). A row is replaced only by a newer
 * incarnation (later {@code created_at}) or a newer version of the same one, so the write-behind of
 * any member, an operator's synchronous write and a tombstone may arrive in any order.
 */
public final class JdbcAccountRepository implements AccountRepository {

    private static final String UPSERT = """
            INSERT INTO ocs_account (id, created_at, version, deleted, status, balance, ledger_seq, exported_seq,
                                     written_at, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, version = excluded.version,
                deleted = excluded.deleted, status = excluded.status, balance = excluded.balance,
                ledger_seq = excluded.ledger_seq, exported_seq = excluded.exported_seq,
                written_at = excluded.written_at, state = excluded.state
            WHERE excluded.created_at > ocs_account.created_at
               OR (excluded.created_at = ocs_account.created_at AND excluded.version > ocs_account.version)""";

    private static final Comparator<AccountRow> BY_ID = Comparator.comparing(AccountRow::id);

    /** Ids per IN list: well under SQLite's and PostgreSQL's parameter limits. */
    static final int IN_CHUNK = 500;

    private final DataSource data;
    private final AutoCloseable pool;
    private final String description;
    private final int batchSize;

    JdbcAccountRepository(DataSource data, AutoCloseable pool, String description, int batchSize) {
        this.data = data;
        this.pool = pool;
        this.description = description;
        this.batchSize = batchSize;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void write(Collection<AccountRow> rows, Collection<Tombstone> deleted) {
        if (rows.isEmpty() && deleted.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        // every transaction takes its row locks in id order: two writers (the write-behind, an operator's
        // synchronous write, another member) can wait for each other but never deadlock (PostgreSQL did)
        List<AccountRow> sorted = new ArrayList<>(rows);
        sorted.sort(BY_ID);
        List<Tombstone> tombstones = new ArrayList<>(deleted);
        tombstones.sort(Comparator.comparing(Tombstone::accountId));
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                int pending = 0;
                for (AccountRow r : sorted) {
                    ps.setString(1, r.id());
                    ps.setLong(2, r.createdAt());
                    ps.setLong(3, r.version());
                    ps.setInt(4, 0);
                    ps.setString(5, r.status().name());
                    ps.setLong(6, r.balance());
                    ps.setLong(7, r.ledgerSeq());
                    ps.setLong(8, r.exportedSeq());
                    ps.setLong(9, now);
                    ps.setBytes(10, r.state());
                    ps.addBatch();
                    if (++pending == batchSize) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                for (Tombstone t : tombstones) {
                    ps.setString(1, t.accountId());
                    ps.setLong(2, t.createdAt());
                    ps.setLong(3, TOMBSTONE_VERSION);
                    ps.setInt(4, 1);
                    ps.setString(5, "DELETED");
                    ps.setLong(6, 0);
                    ps.setLong(7, 0);
                    ps.setLong(8, 0);
                    ps.setLong(9, now);
                    ps.setBytes(10, null);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable("write " + (rows.size() + deleted.size()) + " account(s)", e);
        }
    }

    @Override
    public Account load(String accountId) {
        try (Connection c = data.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state FROM ocs_account WHERE id = ? AND deleted = 0")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? decode(accountId, rs.getBytes(1)) : null;
            }
        } catch (SQLException e) {
            throw unavailable("read account " + accountId, e);
        }
    }

    @Override
    public Map<String, Account> loadAll(Collection<String> accountIds) {
        Map<String, Account> found = new HashMap<>(accountIds.size() * 2);
        inChunks(accountIds, "SELECT id, state FROM ocs_account WHERE deleted = 0 AND id IN ", "read accounts", rs -> {
            String id = rs.getString(1);
            found.put(id, decode(id, rs.getBytes(2)));
        });
        return found;
    }

    @Override
    public List<String> ids() {
        try (Connection c = data.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM ocs_account WHERE deleted = 0")) {
                ps.setFetchSize(10_000);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                c.commit();
                return ids;
            }
        } catch (SQLException e) {
            throw unavailable("list the stored accounts", e);
        }
    }

    @Override
    public Map<String, StoredVersion> versions(Collection<String> accountIds) {
        Map<String, StoredVersion> found = new HashMap<>(accountIds.size() * 2);
        inChunks(accountIds, "SELECT id, created_at, version, deleted, ledger_seq, exported_seq FROM ocs_account WHERE id IN ",
                "read account versions", rs -> found.put(rs.getString(1),
                        new StoredVersion(rs.getLong(2), rs.getLong(3), rs.getInt(4) != 0, rs.getLong(5), rs.getLong(6))));
        return found;
    }

    @Override
    public void check() {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            throw unavailable("reach the database", e);
        }
    }

    /** Rows stored, tombstones included (statistics and tests). */
    public long rows() {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ocs_account");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw unavailable("count accounts", e);
        }
    }

    @Override
    public void close() {
        try {
            pool.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + description + ": " + e.getMessage(), e);
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void inChunks(Collection<String> ids, String selectIn, String what, RowReader reader) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> all = ids instanceof List<String> l ? l : new ArrayList<>(ids);
        try (Connection c = data.getConnection()) {
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                try (PreparedStatement ps = c.prepareStatement(selectIn + placeholders(chunk.size()))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            reader.read(rs);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    private static String placeholders(int n) {
        StringBuilder sb = new StringBuilder(n * 2 + 2).append('(');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ",?");
        }
        return sb.append(')').toString();
    }

    private static Account decode(String id, byte[] state) {
        if (state == null) {
            throw new IllegalStateException("stored account " + id + " has no state");
        }
        try {
            return AccountCodec.decode(state);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored account " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException("cannot " + what + " in " + description + ": " + e.getMessage(), e);
    }
}

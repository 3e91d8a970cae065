-- The durable copy of every account (schema V1; the same table as db/migration/sqlite/V1__accounts.sql).
-- One row per account id: the newest state the grid wrote (state, in AccountCodec format 1) with the
-- columns an operator or the OCS needs without decoding it. A deleted account leaves a tombstone row
-- (deleted = 1, version = 2^63-1) so that no late write of that incarnation can bring it back; an id
-- created again is a new incarnation (a later created_at) and replaces the tombstone.
-- Rows are rewritten often and only in place: fillfactor leaves room for HOT updates.
CREATE TABLE ocs_account (
    id           VARCHAR(200) NOT NULL PRIMARY KEY,
    created_at   BIGINT       NOT NULL,  -- incarnation: creation time, epoch ms
    version      BIGINT       NOT NULL,  -- changes of this incarnation; a write replaces the row only when newer
    deleted      SMALLINT     NOT NULL,  -- 1: tombstone of a deleted account
    status       VARCHAR(16)  NOT NULL,  -- ACTIVE, BARRED or DELETED
    balance      BIGINT       NOT NULL,  -- money, minor units (reservations included)
    ledger_seq   BIGINT       NOT NULL,  -- newest ledger record in state
    exported_seq BIGINT       NOT NULL,  -- newest ledger record exported to the CDR files
    written_at   BIGINT       NOT NULL,  -- when this row was written, epoch ms
    state        BYTEA                   -- the whole account; NULL for a tombstone
) WITH (fillfactor = 80);

package dev.ocs.core.store.jdbc;

import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.BucketHold;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.OperatorReference;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceSession;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.SessionState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The account as the database keeps it: every field, sessions and reservations, buckets, operator
 * references and the ledger records not yet exported, in one explicit binary format of our own
 * (not Hazelcast's, so that the stored bytes outlive a Hazelcast upgrade). The first byte is the
 * format version; a reader refuses a version it does not know rather than guess. Enums are written
 * by name, so reordering their constants never changes what stored bytes mean.
 */
public final class AccountCodec {

    /** Format 1: the account of schema V1. */
    static final int FORMAT = 1;

    private AccountCodec() {
    }

    public static byte[] encode(Account a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 96 * a.ledger().size() + 128 * a.sessions().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            str(out, a.id());
            str(out, a.status().name());
            out.writeInt(a.subscribers().size());
            for (String s : a.subscribers()) {
                str(out, s);
            }
            out.writeLong(a.balance());
            out.writeLong(a.openingBalance());
            out.writeLong(a.credits());
            out.writeLong(a.debits());
            out.writeLong(a.refundable());
            out.writeInt(a.buckets().size());
            for (Bucket b : a.buckets()) {
                bucket(out, b);
            }
            out.writeLong(a.nextBucketId());
            out.writeLong(a.bucketCredits());
            out.writeLong(a.bucketDebits());
            out.writeLong(a.reportedBytes());
            out.writeInt(a.sessions().size());
            for (SessionState s : a.sessions()) {
                session(out, s);
            }
            out.writeLong(a.ledgerSeq());
            out.writeLong(a.exportedSeq());
            out.writeInt(a.ledger().size());
            for (LedgerRecord r : a.ledger()) {
                record(out, r);
            }
            out.writeInt(a.references().size());
            for (OperatorReference r : a.references()) {
                str(out, r.reference());
                out.writeLong(r.appliedAt());
            }
            out.writeLong(a.createdAt());
            out.writeLong(a.version());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not an account of a known format */
    public static Account decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("stored account has format " + format + ", this OCS reads format " + FORMAT);
            }
            String id = str(in);
            AccountStatus status = AccountStatus.valueOf(str(in));
            int n = in.readInt();
            List<String> subscribers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                subscribers.add(str(in));
            }
            long balance = in.readLong();
            long opening = in.readLong();
            long credits = in.readLong();
            long debits = in.readLong();
            long refundable = in.readLong();
            n = in.readInt();
            List<Bucket> buckets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                buckets.add(bucket(in));
            }
            long nextBucketId = in.readLong();
            long bucketCredits = in.readLong();
            long bucketDebits = in.readLong();
            long reportedBytes = in.readLong();
            n = in.readInt();
            List<SessionState> sessions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sessions.add(session(in));
            }
            long ledgerSeq = in.readLong();
            long exportedSeq = in.readLong();
            n = in.readInt();
            List<LedgerRecord> ledger = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ledger.add(record(in, id));
            }
            n = in.readInt();
            List<OperatorReference> references = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                references.add(new OperatorReference(str(in), in.readLong()));
            }
            long createdAt = in.readLong();
            long version = in.readLong();
            if (in.available() != 0) {
                throw new IllegalArgumentException("stored account " + id + " has " + in.available() + " trailing bytes");
            }
            return new Account(id, status, subscribers, balance, opening, credits, debits, refundable, buckets,
                    nextBucketId, bucketCredits, bucketDebits, reportedBytes, sessions, ledgerSeq, exportedSeq, ledger,
                    references, createdAt, version);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored account is truncated or corrupt: " + e, e);
        }
    }

    private static void bucket(DataOutputStream out, Bucket b) throws IOException {
        out.writeLong(b.id());
        str(out, b.name());
        out.writeLong(b.remainingBytes());
        out.writeLong(b.expiresAt());
        out.writeInt(b.ratingGroups().size());
        for (long rg : b.ratingGroups()) {
            out.writeLong(rg);
        }
    }

    private static Bucket bucket(DataInputStream in) throws IOException {
        long id = in.readLong();
        String name = str(in);
        long remaining = in.readLong();
        long expiresAt = in.readLong();
        int n = in.readInt();
        List<Long> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            groups.add(in.readLong());
        }
        return new Bucket(id, name, remaining, expiresAt, groups);
    }

    private static void session(DataOutputStream out, SessionState s) throws IOException {
        str(out, s.sessionId());
        out.writeLong(s.requestNumber());
        result(out, s.lastResult());
        out.writeInt(s.services().size());
        for (ServiceSession ss : s.services()) {
            out.writeLong(ss.ratingGroup());
            out.writeLong(ss.serviceId());
            out.writeLong(ss.grantedBytes());
            out.writeInt(ss.holds().size());
            for (BucketHold h : ss.holds()) {
                out.writeLong(h.bucketId());
                out.writeLong(h.bytes());
            }
            out.writeLong(ss.moneyBytes());
            out.writeLong(ss.moneyHeld());
            out.writeLong(ss.usedBytes());
            out.writeLong(ss.moneyUsedBytes());
            out.writeLong(ss.moneyCharged());
            out.writeLong(ss.overuseBytes());
        }
        out.writeLong(s.expiresAt());
        out.writeLong(s.closedAt());
    }

    private static SessionState session(DataInputStream in) throws IOException {
        String sessionId = str(in);
        long requestNumber = in.readLong();
        ChargingResult last = result(in);
        int n = in.readInt();
        List<ServiceSession> services = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long rg = in.readLong();
            long serviceId = in.readLong();
            long granted = in.readLong();
            int h = in.readInt();
            List<BucketHold> holds = new ArrayList<>(h);
            for (int j = 0; j < h; j++) {
                holds.add(new BucketHold(in.readLong(), in.readLong()));
            }
            services.add(new ServiceSession(rg, serviceId, granted, holds, in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong()));
        }
        return new SessionState(sessionId, requestNumber, last, services, in.readLong(), in.readLong());
    }

    private static void result(DataOutputStream out, ChargingResult r) throws IOException {
        str(out, r.status().name());
        str(out, r.detail());
        out.writeInt(r.services().size());
        for (ServiceResult s : r.services()) {
            out.writeLong(s.ratingGroup());
            out.writeLong(s.serviceId());
            str(out, s.status().name());
            out.writeLong(s.grantedBytes());
            out.writeLong(s.validitySeconds());
            out.writeBoolean(s.finalUnits());
            out.writeLong(s.cost());
        }
        out.writeLong(r.freeMoney());
    }

    private static ChargingResult result(DataInputStream in) throws IOException {
        ResultStatus status = ResultStatus.valueOf(str(in));
        String detail = str(in);
        int n = in.readInt();
        List<ServiceResult> services = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            services.add(new ServiceResult(in.readLong(), in.readLong(), ServiceStatus.valueOf(str(in)), in.readLong(),
                    in.readLong(), in.readBoolean(), in.readLong()));
        }
        return new ChargingResult(status, detail, services, in.readLong());
    }

    /** The account id is the row's and is not repeated per record. */
    private static void record(DataOutputStream out, LedgerRecord r) throws IOException {
        out.writeLong(r.seq());
        out.writeLong(r.time());
        str(out, r.type().name());
        str(out, r.sessionId());
        out.writeLong(r.ratingGroup());
        out.writeLong(r.volumeBytes());
        out.writeLong(r.money());
        out.writeLong(r.bucketBytes());
        out.writeLong(r.balanceAfter());
        out.writeLong(r.bucketsAfter());
        str(out, r.reference());
    }

    private static LedgerRecord record(DataInputStream in, String accountId) throws IOException {
        return new LedgerRecord(accountId, in.readLong(), in.readLong(), LedgerType.valueOf(str(in)), str(in),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), str(in));
    }

    /** UTF-8 with an int length: no 64 KiB limit as with writeUTF. */
    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("string length " + n + " beyond the " + in.available() + " bytes left");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}

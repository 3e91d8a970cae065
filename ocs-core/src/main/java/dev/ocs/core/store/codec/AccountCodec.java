package dev.ocs.core.store.codec;

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
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.ServiceSlot;
import dev.ocs.core.rules.SessionSlot;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The account as the database keeps it: every field, sessions and reservations, buckets, operator
 * references and the ledger records not yet exported, in one explicit binary format of our own
 * (not Hazelcast's, so that the stored bytes outlive a Hazelcast upgrade), big-endian like
 * {@code DataOutputStream}. The first byte is the
 * format version; a reader refuses a version it does not know rather than guess. Enums are written
 * by name, so reordering their constants never changes what stored bytes mean.
 */
public final class AccountCodec {

    /** Format 1: the account of schema V1. */
    static final int FORMAT = 2; // 2: sessions know their gateway; format 1 is still read

    private AccountCodec() {
    }

    public static byte[] encode(Account a) {
        return encode(AccountState.of(a));
    }

    /**
     * Encodes the account as it is now, read field by field where it lives (on its partition thread: no
     * snapshot, no record objects); the same bytes as {@link #encode(Account)} of its snapshot.
     */
    public static byte[] encode(AccountState a) {
        ByteWriter out = ByteWriter.reset();
        out.u8(FORMAT);
        str(out, a.id());
        str(out, a.status().name());
        out.i32(a.subscribers().size());
        for (String s : a.subscribers()) {
            str(out, s);
        }
        out.i64(a.balance());
        out.i64(a.openingBalance());
        out.i64(a.credits());
        out.i64(a.debits());
        out.i64(a.refundable());
        out.i32(a.buckets().size());
        for (Bucket b : a.buckets()) {
            bucket(out, b);
        }
        out.i64(a.nextBucketId());
        out.i64(a.bucketCredits());
        out.i64(a.bucketDebits());
        out.i64(a.reportedBytes());
        out.i32(a.sessions().size());
        for (SessionSlot s : a.sessions()) {
            session(out, s);
        }
        out.i64(a.ledgerSeq());
        out.i64(a.exportedSeq());
        out.i32(a.ledgerSize());
        a.forEachLedgerRecord((seq, time, type, sessionId, ratingGroup, volumeBytes, money, bucketBytes, balanceAfter,
                               bucketsAfter, reference) -> {
            // the account id is the row's and is not repeated per record
            out.i64(seq);
            out.i64(time);
            str(out, type.name());
            str(out, sessionId);
            out.i64(ratingGroup);
            out.i64(volumeBytes);
            out.i64(money);
            out.i64(bucketBytes);
            out.i64(balanceAfter);
            out.i64(bucketsAfter);
            str(out, reference);
        });
        out.i32(a.references().size());
        for (OperatorReference r : a.references()) {
            str(out, r.reference());
            out.i64(r.appliedAt());
        }
        out.i64(a.createdAt());
        out.i64(a.version());
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not an account of a known format */
    public static Account decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int format = in.get() & 0xFF;
            if (format != FORMAT && format != 1) {
                throw new IllegalArgumentException("stored account has format " + format + ", this OCS reads format " + FORMAT);
            }
            String id = str(in);
            AccountStatus status = AccountStatus.valueOf(str(in));
            int n = in.getInt();
            List<String> subscribers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                subscribers.add(str(in));
            }
            long balance = in.getLong();
            long opening = in.getLong();
            long credits = in.getLong();
            long debits = in.getLong();
            long refundable = in.getLong();
            n = in.getInt();
            List<Bucket> buckets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                buckets.add(bucket(in));
            }
            long nextBucketId = in.getLong();
            long bucketCredits = in.getLong();
            long bucketDebits = in.getLong();
            long reportedBytes = in.getLong();
            n = in.getInt();
            List<SessionState> sessions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                sessions.add(session(in, format));
            }
            long ledgerSeq = in.getLong();
            long exportedSeq = in.getLong();
            n = in.getInt();
            List<LedgerRecord> ledger = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ledger.add(record(in, id));
            }
            n = in.getInt();
            List<OperatorReference> references = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                references.add(new OperatorReference(str(in), in.getLong()));
            }
            long createdAt = in.getLong();
            long version = in.getLong();
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("stored account " + id + " has " + in.remaining() + " trailing bytes");
            }
            return new Account(id, status, subscribers, balance, opening, credits, debits, refundable, buckets,
                    nextBucketId, bucketCredits, bucketDebits, reportedBytes, sessions, ledgerSeq, exportedSeq, ledger,
                    references, createdAt, version);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalArgumentException("stored account is truncated or corrupt: " + e, e);
        }
    }

    private static void bucket(ByteWriter out, Bucket b) {
        out.i64(b.id());
        str(out, b.name());
        out.i64(b.remainingBytes());
        out.i64(b.expiresAt());
        out.i32(b.ratingGroups().size());
        for (long rg : b.ratingGroups()) {
            out.i64(rg);
        }
    }

    private static Bucket bucket(ByteBuffer in) {
        long id = in.getLong();
        String name = str(in);
        long remaining = in.getLong();
        long expiresAt = in.getLong();
        int n = in.getInt();
        List<Long> groups = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            groups.add(in.getLong());
        }
        return new Bucket(id, name, remaining, expiresAt, groups);
    }

    private static void session(ByteWriter out, SessionSlot s) {
        str(out, s.sessionId());
        out.i64(s.requestNumber());
        str(out, s.answerStatus().name());
        str(out, s.answerDetail());
        out.i32(s.answerCount());
        s.forEachAnswer((ratingGroup, serviceId, status, grantedBytes, validitySeconds, finalUnits, cost) -> {
            out.i64(ratingGroup);
            out.i64(serviceId);
            str(out, status.name());
            out.i64(grantedBytes);
            out.i64(validitySeconds);
            out.bool(finalUnits);
            out.i64(cost);
        });
        out.i64(s.answerFreeMoney());
        out.i32(s.serviceCount());
        for (int i = 0; i < s.serviceCount(); i++) {
            ServiceSlot ss = s.service(i);
            out.i64(ss.ratingGroup());
            out.i64(ss.serviceId());
            out.i64(ss.grantedBytes());
            out.i32(ss.holdCount());
            for (int h = 0; h < ss.holdCount(); h++) {
                out.i64(ss.holdBucket(h));
                out.i64(ss.holdBytes(h));
            }
            out.i64(ss.moneyBytes());
            out.i64(ss.moneyHeld());
            out.i64(ss.usedBytes());
            out.i64(ss.moneyUsedBytes());
            out.i64(ss.moneyCharged());
            out.i64(ss.overuseBytes());
        }
        out.i64(s.expiresAt());
        out.i64(s.closedAt());
        str(out, s.gatewayHost());
        str(out, s.gatewayRealm());
    }

    private static SessionState session(ByteBuffer in, int format) {
        String sessionId = str(in);
        long requestNumber = in.getLong();
        ChargingResult last = result(in);
        int n = in.getInt();
        List<ServiceSession> services = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long rg = in.getLong();
            long serviceId = in.getLong();
            long granted = in.getLong();
            int h = in.getInt();
            List<BucketHold> holds = new ArrayList<>(h);
            for (int j = 0; j < h; j++) {
                holds.add(new BucketHold(in.getLong(), in.getLong()));
            }
            services.add(new ServiceSession(rg, serviceId, granted, holds, in.getLong(), in.getLong(), in.getLong(),
                    in.getLong(), in.getLong(), in.getLong()));
        }
        long expiresAt = in.getLong();
        long closedAt = in.getLong();
        return format == 1 ? new SessionState(sessionId, requestNumber, last, services, expiresAt, closedAt)
                : new SessionState(sessionId, requestNumber, last, services, expiresAt, closedAt, str(in), str(in));
    }

    private static ChargingResult result(ByteBuffer in) {
        ResultStatus status = ResultStatus.valueOf(str(in));
        String detail = str(in);
        int n = in.getInt();
        List<ServiceResult> services = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            services.add(new ServiceResult(in.getLong(), in.getLong(), ServiceStatus.valueOf(str(in)), in.getLong(),
                    in.getLong(), (in.get() != 0), in.getLong()));
        }
        return new ChargingResult(status, detail, services, in.getLong());
    }

    private static LedgerRecord record(ByteBuffer in, String accountId) {
        return new LedgerRecord(accountId, in.getLong(), in.getLong(), LedgerType.valueOf(str(in)), str(in),
                in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong(), str(in));
    }

    /** UTF-8 with an int length: no 64 KiB limit as with writeUTF. */
    private static void str(ByteWriter out, String s) {
        out.str(s);
    }

    private static String str(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("string length " + n + " beyond the " + in.remaining() + " bytes left");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }
}

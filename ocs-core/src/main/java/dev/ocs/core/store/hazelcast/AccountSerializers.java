package dev.ocs.core.store.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.Bucket;
import dev.ocs.core.domain.BucketHold;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.OperatorReference;
import dev.ocs.core.domain.LedgerType;
import dev.ocs.core.domain.ServiceSession;
import dev.ocs.core.domain.SessionState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Compact serializers for the stored account value and what it contains. */
final class AccountSerializers {

    private AccountSerializers() {
    }

    static List<CompactSerializer<?>> all() {
        return List.of(new AccountSerializer(), new AccountStateSerializer(), new BucketSerializer(), new BucketHoldSerializer(),
                new ServiceSessionSerializer(), new SessionStateSerializer(), new LedgerRecordSerializer());
    }

    static <T> List<T> list(T[] array) {
        return array == null ? List.of() : Arrays.asList(array);
    }

    static final class AccountSerializer implements CompactSerializer<Account> {
        @Override
        public Account read(CompactReader in) {
            return new Account(in.readString("id"), AccountStatus.valueOf(in.readString("status")),
                    List.of(in.readArrayOfString("subscribers")), in.readInt64("balance"), in.readInt64("opening"),
                    in.readInt64("credits"), in.readInt64("debits"), in.readInt64("refundable"),
                    list(in.readArrayOfCompact("buckets", Bucket.class)), in.readInt64("nextBucketId"),
                    in.readInt64("bucketCredits"), in.readInt64("bucketDebits"), in.readInt64("reportedBytes"),
                    list(in.readArrayOfCompact("sessions", SessionState.class)), in.readInt64("ledgerSeq"),
                    in.readInt64("exportedSeq"), list(in.readArrayOfCompact("ledger", LedgerRecord.class)),
                    references(in.readArrayOfString("references"), in.readArrayOfInt64("referenceTimes")), in.readInt64("createdAt"),
                    in.readInt64("version"));
        }

        @Override
        public void write(CompactWriter out, Account a) {
            out.writeString("id", a.id());
            out.writeString("status", a.status().name());
            out.writeArrayOfString("subscribers", a.subscribers().toArray(new String[0]));
            out.writeInt64("balance", a.balance());
            out.writeInt64("opening", a.openingBalance());
            out.writeInt64("credits", a.credits());
            out.writeInt64("debits", a.debits());
            out.writeInt64("refundable", a.refundable());
            out.writeArrayOfCompact("buckets", a.buckets().toArray(new Bucket[0]));
            out.writeInt64("nextBucketId", a.nextBucketId());
            out.writeInt64("bucketCredits", a.bucketCredits());
            out.writeInt64("bucketDebits", a.bucketDebits());
            out.writeInt64("reportedBytes", a.reportedBytes());
            out.writeArrayOfCompact("sessions", a.sessions().toArray(new SessionState[0]));
            out.writeInt64("ledgerSeq", a.ledgerSeq());
            out.writeInt64("exportedSeq", a.exportedSeq());
            out.writeArrayOfCompact("ledger", a.ledger().toArray(new LedgerRecord[0]));
            out.writeArrayOfString("references", a.references().stream().map(OperatorReference::reference).toArray(String[]::new));
            out.writeArrayOfInt64("referenceTimes", a.references().stream().mapToLong(OperatorReference::appliedAt).toArray());
            out.writeInt64("createdAt", a.createdAt());
            out.writeInt64("version", a.version());
        }

        @Override
        public String getTypeName() {
            return "ocs.Account";
        }

        @Override
        public Class<Account> getCompactClass() {
            return Account.class;
        }
    }

    /**
     * The stored state, as its value: written when a backup, a migration or a reply needs it, always on the
     * partition thread that owns it.
     */
    static final class AccountStateSerializer implements CompactSerializer<AccountState> {
        private final AccountSerializer values = new AccountSerializer();

        @Override
        public AccountState read(CompactReader in) {
            return AccountState.of(values.read(in));
        }

        @Override
        public void write(CompactWriter out, AccountState state) {
            values.write(out, state.snapshot());
        }

        @Override
        public String getTypeName() {
            return "ocs.AccountState";
        }

        @Override
        public Class<AccountState> getCompactClass() {
            return AccountState.class;
        }
    }

    static final class BucketSerializer implements CompactSerializer<Bucket> {
        @Override
        public Bucket read(CompactReader in) {
            long[] groups = in.readArrayOfInt64("ratingGroups");
            return new Bucket(in.readInt64("id"), in.readString("name"), in.readInt64("remaining"),
                    in.readInt64("expiresAt"), Arrays.stream(groups).boxed().toList());
        }

        @Override
        public void write(CompactWriter out, Bucket b) {
            out.writeInt64("id", b.id());
            out.writeString("name", b.name());
            out.writeInt64("remaining", b.remainingBytes());
            out.writeInt64("expiresAt", b.expiresAt());
            out.writeArrayOfInt64("ratingGroups", b.ratingGroups().stream().mapToLong(Long::longValue).toArray());
        }

        @Override
        public String getTypeName() {
            return "ocs.Bucket";
        }

        @Override
        public Class<Bucket> getCompactClass() {
            return Bucket.class;
        }
    }

    static final class BucketHoldSerializer implements CompactSerializer<BucketHold> {
        @Override
        public BucketHold read(CompactReader in) {
            return new BucketHold(in.readInt64("bucketId"), in.readInt64("bytes"));
        }

        @Override
        public void write(CompactWriter out, BucketHold h) {
            out.writeInt64("bucketId", h.bucketId());
            out.writeInt64("bytes", h.bytes());
        }

        @Override
        public String getTypeName() {
            return "ocs.BucketHold";
        }

        @Override
        public Class<BucketHold> getCompactClass() {
            return BucketHold.class;
        }
    }

    static final class ServiceSessionSerializer implements CompactSerializer<ServiceSession> {
        @Override
        public ServiceSession read(CompactReader in) {
            return new ServiceSession(in.readInt64("ratingGroup"), in.readInt64("serviceId"), in.readInt64("granted"),
                    list(in.readArrayOfCompact("holds", BucketHold.class)), in.readInt64("moneyBytes"),
                    in.readInt64("moneyHeld"), in.readInt64("used"), in.readInt64("moneyUsed"),
                    in.readInt64("moneyCharged"), in.readInt64("overuse"));
        }

        @Override
        public void write(CompactWriter out, ServiceSession s) {
            out.writeInt64("ratingGroup", s.ratingGroup());
            out.writeInt64("serviceId", s.serviceId());
            out.writeInt64("granted", s.grantedBytes());
            out.writeArrayOfCompact("holds", s.holds().toArray(new BucketHold[0]));
            out.writeInt64("moneyBytes", s.moneyBytes());
            out.writeInt64("moneyHeld", s.moneyHeld());
            out.writeInt64("used", s.usedBytes());
            out.writeInt64("moneyUsed", s.moneyUsedBytes());
            out.writeInt64("moneyCharged", s.moneyCharged());
            out.writeInt64("overuse", s.overuseBytes());
        }

        @Override
        public String getTypeName() {
            return "ocs.ServiceSession";
        }

        @Override
        public Class<ServiceSession> getCompactClass() {
            return ServiceSession.class;
        }
    }

    static final class SessionStateSerializer implements CompactSerializer<SessionState> {
        @Override
        public SessionState read(CompactReader in) {
            return new SessionState(in.readString("sessionId"), in.readInt64("requestNumber"),
                    in.readCompact("lastResult"), list(in.readArrayOfCompact("services", ServiceSession.class)),
                    in.readInt64("expiresAt"), in.readInt64("closedAt"), optional(in, "gatewayHost"),
                    optional(in, "gatewayRealm"));
        }

        @Override
        public void write(CompactWriter out, SessionState s) {
            out.writeString("sessionId", s.sessionId());
            out.writeInt64("requestNumber", s.requestNumber());
            out.<ChargingResult>writeCompact("lastResult", s.lastResult());
            out.writeArrayOfCompact("services", s.services().toArray(new ServiceSession[0]));
            out.writeInt64("expiresAt", s.expiresAt());
            out.writeInt64("closedAt", s.closedAt());
            out.writeString("gatewayHost", s.gatewayHost());
            out.writeString("gatewayRealm", s.gatewayRealm());
        }

        @Override
        public String getTypeName() {
            return "ocs.SessionState";
        }

        @Override
        public Class<SessionState> getCompactClass() {
            return SessionState.class;
        }
    }

    /** A string field added after the first schema: absent in values written before. */
    static String optional(CompactReader in, String field) {
        if (in.getFieldKind(field) != com.hazelcast.nio.serialization.FieldKind.STRING) {
            return "";
        }
        String v = in.readString(field);
        return v == null ? "" : v;
    }

    private static List<OperatorReference> references(String[] names, long[] times) {
        if (names.length != times.length) {
            throw new IllegalStateException(names.length + " references but " + times.length + " times");
        }
        List<OperatorReference> list = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            list.add(new OperatorReference(names[i], times[i]));
        }
        return list;
    }

    static final class LedgerRecordSerializer implements CompactSerializer<LedgerRecord> {
        @Override
        public LedgerRecord read(CompactReader in) {
            return new LedgerRecord(in.readString("account"), in.readInt64("seq"), in.readInt64("time"),
                    LedgerType.valueOf(in.readString("type")), in.readString("session"), in.readInt64("ratingGroup"),
                    in.readInt64("volume"), in.readInt64("money"), in.readInt64("bucketBytes"),
                    in.readInt64("balanceAfter"), in.readInt64("bucketsAfter"), in.readString("reference"));
        }

        @Override
        public void write(CompactWriter out, LedgerRecord r) {
            out.writeString("account", r.accountId());
            out.writeInt64("seq", r.seq());
            out.writeInt64("time", r.time());
            out.writeString("type", r.type().name());
            out.writeString("session", r.sessionId());
            out.writeInt64("ratingGroup", r.ratingGroup());
            out.writeInt64("volume", r.volumeBytes());
            out.writeInt64("money", r.money());
            out.writeInt64("bucketBytes", r.bucketBytes());
            out.writeInt64("balanceAfter", r.balanceAfter());
            out.writeInt64("bucketsAfter", r.bucketsAfter());
            out.writeString("reference", r.reference());
        }

        @Override
        public String getTypeName() {
            return "ocs.LedgerRecord";
        }

        @Override
        public Class<LedgerRecord> getCompactClass() {
            return LedgerRecord.class;
        }
    }
}

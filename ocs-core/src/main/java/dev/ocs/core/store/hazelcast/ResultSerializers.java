package dev.ocs.core.store.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.store.codec.AccountRow;

import java.util.List;

import static dev.ocs.core.store.hazelcast.AccountSerializers.list;

/** Compact serializers for charging results, per-service usage and the rows a member encodes for another's write-behind. */
final class ResultSerializers {

    // Results travel on every charging call: statuses go as their ordinal (the enums are append-only).
    private static final ResultStatus[] RESULT_STATUSES = ResultStatus.values();
    private static final ServiceStatus[] SERVICE_STATUSES = ServiceStatus.values();

    private ResultSerializers() {
    }

    static List<CompactSerializer<?>> all() {
        return List.of(new ChargingResultSerializer(), new ServiceResultSerializer(), new ServiceUsageSerializer(),
                new AccountRowSerializer());
    }

    static final class ChargingResultSerializer implements CompactSerializer<ChargingResult> {
        @Override
        public ChargingResult read(CompactReader in) {
            return new ChargingResult(RESULT_STATUSES[in.readInt8("status")], in.readString("detail"),
                    list(in.readArrayOfCompact("services", ServiceResult.class)), in.readInt64("freeMoney"));
        }

        @Override
        public void write(CompactWriter out, ChargingResult r) {
            out.writeInt8("status", (byte) r.status().ordinal());
            out.writeString("detail", r.detail());
            out.writeArrayOfCompact("services", r.services().toArray(new ServiceResult[0]));
            out.writeInt64("freeMoney", r.freeMoney());
        }

        @Override
        public String getTypeName() {
            return "ocs.ChargingResult";
        }

        @Override
        public Class<ChargingResult> getCompactClass() {
            return ChargingResult.class;
        }
    }

    static final class ServiceResultSerializer implements CompactSerializer<ServiceResult> {
        @Override
        public ServiceResult read(CompactReader in) {
            return new ServiceResult(in.readInt64("ratingGroup"), in.readInt64("serviceId"),
                    SERVICE_STATUSES[in.readInt8("status")], in.readInt64("granted"), in.readInt64("validity"),
                    in.readBoolean("finalUnits"), in.readInt64("cost"));
        }

        @Override
        public void write(CompactWriter out, ServiceResult r) {
            out.writeInt64("ratingGroup", r.ratingGroup());
            out.writeInt64("serviceId", r.serviceId());
            out.writeInt8("status", (byte) r.status().ordinal());
            out.writeInt64("granted", r.grantedBytes());
            out.writeInt64("validity", r.validitySeconds());
            out.writeBoolean("finalUnits", r.finalUnits());
            out.writeInt64("cost", r.cost());
        }

        @Override
        public String getTypeName() {
            return "ocs.ServiceResult";
        }

        @Override
        public Class<ServiceResult> getCompactClass() {
            return ServiceResult.class;
        }
    }

    static final class ServiceUsageSerializer implements CompactSerializer<ServiceUsage> {
        @Override
        public ServiceUsage read(CompactReader in) {
            return new ServiceUsage(in.readInt64("ratingGroup"), in.readInt64("serviceId"), in.readBoolean("ask"),
                    in.readInt64("requested"), in.readInt64("used"));
        }

        @Override
        public void write(CompactWriter out, ServiceUsage u) {
            out.writeInt64("ratingGroup", u.ratingGroup());
            out.writeInt64("serviceId", u.serviceId());
            out.writeBoolean("ask", u.quotaRequested());
            out.writeInt64("requested", u.requestedBytes());
            out.writeInt64("used", u.usedBytes());
        }

        @Override
        public String getTypeName() {
            return "ocs.ServiceUsage";
        }

        @Override
        public Class<ServiceUsage> getCompactClass() {
            return ServiceUsage.class;
        }
    }

    /** A row encoded where the account is owned for the member whose write-behind writes it (AccountQueries.Row). */
    static final class AccountRowSerializer implements CompactSerializer<AccountRow> {
        @Override
        public AccountRow read(CompactReader in) {
            return new AccountRow(in.readString("id"), in.readInt64("createdAt"), in.readInt64("version"),
                    AccountStatus.valueOf(in.readString("status")), in.readInt64("balance"), in.readInt64("ledgerSeq"),
                    in.readInt64("exportedSeq"), in.readArrayOfInt8("state"));
        }

        @Override
        public void write(CompactWriter out, AccountRow r) {
            out.writeString("id", r.id());
            out.writeInt64("createdAt", r.createdAt());
            out.writeInt64("version", r.version());
            out.writeString("status", r.status().name());
            out.writeInt64("balance", r.balance());
            out.writeInt64("ledgerSeq", r.ledgerSeq());
            out.writeInt64("exportedSeq", r.exportedSeq());
            out.writeArrayOfInt8("state", r.state());
        }

        @Override
        public String getTypeName() {
            return "ocs.AccountRow";
        }

        @Override
        public Class<AccountRow> getCompactClass() {
            return AccountRow.class;
        }
    }
}

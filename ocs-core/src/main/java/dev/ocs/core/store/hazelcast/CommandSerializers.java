package dev.ocs.core.store.hazelcast;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.AcknowledgeLedgerCommand;
import dev.ocs.core.rules.CreateCommand;
import dev.ocs.core.rules.AddBucketCommand;
import dev.ocs.core.rules.ChargeCommand;
import dev.ocs.core.rules.OperatorCommands;
import dev.ocs.core.rules.OperatorResult;
import dev.ocs.core.rules.SetStatusCommand;
import dev.ocs.core.rules.SweepCommand;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.EventAction;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static dev.ocs.core.store.hazelcast.AccountSerializers.list;

/** Compact serializers for what travels to the partition owners: processors, commands, predicates. */
final class CommandSerializers {

    private CommandSerializers() {
    }

    static List<CompactSerializer<?>> all() {
        return List.of(new ProcessorSerializer(), new ChargeSerializer(),
                simple("ocs.CreateCommand", CreateCommand.class, (o, c) -> o.writeCompact("account", c.account()),
                        in -> new CreateCommand(in.readCompact("account"))),
                simple("ocs.SweepCommand", SweepCommand.class, (o, c) -> o.writeInt64("now", c.now()),
                        in -> new SweepCommand(in.readInt64("now"))),
                simple("ocs.AcknowledgeLedgerCommand", AcknowledgeLedgerCommand.class, (o, c) -> o.writeInt64("seq", c.seq()),
                        in -> new AcknowledgeLedgerCommand(in.readInt64("seq"))),
                simple("ocs.SetStatusCommand", SetStatusCommand.class, (o, c) -> {
                    o.writeString("status", c.status().name());
                    o.writeInt64("now", c.now());
                }, in -> new SetStatusCommand(AccountStatus.valueOf(in.readString("status")), in.readInt64("now"))),
                simple("ocs.AddBucketCommand", AddBucketCommand.class, (o, c) -> {
                    o.writeString("name", c.name());
                    o.writeInt64("bytes", c.bytes());
                    o.writeInt64("expiresAt", c.expiresAt());
                    o.writeArrayOfInt64("ratingGroups", c.ratingGroups().stream().mapToLong(Long::longValue).toArray());
                    o.writeString("reference", c.reference());
                    o.writeInt64("now", c.now());
                }, in -> new AddBucketCommand(in.readString("name"), in.readInt64("bytes"), in.readInt64("expiresAt"),
                        Arrays.stream(in.readArrayOfInt64("ratingGroups")).boxed().toList(), in.readString("reference"),
                        in.readInt64("now"))),
                simple("ocs.AcknowledgeLedgerProcessor", AcknowledgeLedgerProcessor.class, (o, p) -> {
                    String[] ids = p.upTo().keySet().toArray(new String[0]);
                    long[] seqs = new long[ids.length];
                    for (int i = 0; i < ids.length; i++) {
                        seqs[i] = p.upTo().get(ids[i]);
                    }
                    o.writeArrayOfString("accounts", ids);
                    o.writeArrayOfInt64("seqs", seqs);
                    o.writeBoolean("onBackup", p.onBackup());
                }, in -> {
                    String[] ids = in.readArrayOfString("accounts");
                    long[] seqs = in.readArrayOfInt64("seqs");
                    java.util.Map<String, Long> upTo = new java.util.HashMap<>(ids.length * 2);
                    for (int i = 0; i < ids.length; i++) {
                        upTo.put(ids[i], seqs[i]);
                    }
                    return new AcknowledgeLedgerProcessor(upTo, in.readBoolean("onBackup"));
                }),
                simple("ocs.TopUp", OperatorCommands.TopUp.class, (o, c) -> {
                    o.writeInt64("amount", c.amount());
                    o.writeString("reference", c.reference());
                    o.writeInt64("now", c.now());
                }, in -> new OperatorCommands.TopUp(in.readInt64("amount"), in.readString("reference"), in.readInt64("now"))),
                simple("ocs.Adjust", OperatorCommands.Adjust.class, (o, c) -> {
                    o.writeInt64("delta", c.delta());
                    o.writeString("reason", c.reason());
                    o.writeString("reference", c.reference());
                    o.writeInt64("now", c.now());
                }, in -> new OperatorCommands.Adjust(in.readInt64("delta"), in.readString("reason"), in.readString("reference"),
                        in.readInt64("now"))),
                simple("ocs.BuyBundle", OperatorCommands.BuyBundle.class, (o, c) -> {
                    o.writeString("bundle", c.bundle());
                    o.writeInt64("price", c.price());
                    o.writeInt64("bytes", c.bytes());
                    o.writeInt64("validity", c.validitySeconds());
                    o.writeArrayOfInt64("ratingGroups", c.ratingGroups().stream().mapToLong(Long::longValue).toArray());
                    o.writeString("reference", c.reference());
                    o.writeInt64("now", c.now());
                }, in -> new OperatorCommands.BuyBundle(in.readString("bundle"), in.readInt64("price"), in.readInt64("bytes"),
                        in.readInt64("validity"), Arrays.stream(in.readArrayOfInt64("ratingGroups")).boxed().toList(),
                        in.readString("reference"), in.readInt64("now"))),
                simple("ocs.ReleaseSession", OperatorCommands.ReleaseSession.class, (o, c) -> {
                    o.writeString("sessionId", c.sessionId());
                    o.writeString("reason", c.reason());
                    o.writeInt64("now", c.now());
                }, in -> new OperatorCommands.ReleaseSession(in.readString("sessionId"), in.readString("reason"), in.readInt64("now"))),
                simple("ocs.AddSubscriber", OperatorCommands.AddSubscriber.class, (o, c) -> {
                    o.writeString("subscriber", c.subscriberKey());
                    o.writeInt64("now", c.now());
                }, in -> new OperatorCommands.AddSubscriber(in.readString("subscriber"), in.readInt64("now"))),
                simple("ocs.RemoveSubscriber", OperatorCommands.RemoveSubscriber.class, (o, c) -> {
                    o.writeString("subscriber", c.subscriberKey());
                    o.writeInt64("now", c.now());
                }, in -> new OperatorCommands.RemoveSubscriber(in.readString("subscriber"), in.readInt64("now"))),
                simple("ocs.OperatorResult", OperatorResult.class, (o, r) -> {
                    o.writeString("outcome", r.outcome().name());
                    o.writeString("message", r.message());
                    o.writeInt64("balance", r.balance());
                    o.writeInt64("bucketId", r.bucketId());
                }, in -> new OperatorResult(OperatorResult.Outcome.valueOf(in.readString("outcome")), in.readString("message"),
                        in.readInt64("balance"), in.readInt64("bucketId"))),
                simple("ocs.WithDeadline", AccountQueries.WithDeadline.class, (o, p) -> o.writeInt64("dueAt", p.dueAt()),
                        in -> new AccountQueries.WithDeadline(in.readInt64("dueAt"))),
                simple("ocs.HasPendingLedger", AccountQueries.HasPendingLedger.class, (o, p) -> { },
                        in -> new AccountQueries.HasPendingLedger()),
                simple("ocs.PendingLedger", AccountQueries.PendingLedger.class, (o, p) -> { },
                        in -> AccountQueries.PendingLedger.remote()));
    }

    /** A serializer from a writer and a reader function, for the small value types. */
    static <T> CompactSerializer<T> simple(String typeName, Class<T> type, BiConsumer<CompactWriter, T> writer,
                                           Function<CompactReader, T> reader) {
        return new CompactSerializer<>() {
            @Override
            public T read(CompactReader in) {
                return reader.apply(in);
            }

            @Override
            public void write(CompactWriter out, T value) {
                writer.accept(out, value);
            }

            @Override
            public String getTypeName() {
                return typeName;
            }

            @Override
            public Class<T> getCompactClass() {
                return type;
            }
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static final class ProcessorSerializer implements CompactSerializer<AccountProcessor> {
        @Override
        public AccountProcessor read(CompactReader in) {
            AccountCommand<?> command = in.readCompact("command");
            return new AccountProcessor(command, in.readBoolean("onBackup"), in.readInt64("dueAt"));
        }

        @Override
        public void write(CompactWriter out, AccountProcessor p) {
            out.writeCompact("command", p.command());
            out.writeBoolean("onBackup", p.onBackup());
            out.writeInt64("dueAt", p.dueAt());
        }

        @Override
        public String getTypeName() {
            return "ocs.AccountProcessor";
        }

        @Override
        public Class<AccountProcessor> getCompactClass() {
            return AccountProcessor.class;
        }
    }

    /** A charging request, flattened: one schema for the four request kinds. */
    static final class ChargeSerializer implements CompactSerializer<ChargeCommand> {
        @Override
        public ChargeCommand read(CompactReader in) {
            String kind = in.readString("kind");
            String session = in.readString("sessionId");
            long number = in.readInt64("requestNumber");
            String subscriber = in.readString("subscriber");
            String action = in.readString("action");
            List<ServiceUsage> services = list(in.readArrayOfCompact("services", ServiceUsage.class));
            ChargingRequest request = switch (kind) {
                case "I" -> new ChargingRequest.Initial(session, number, SubscriberId.parse(subscriber), services,
                        AccountSerializers.optional(in, "gatewayHost"), AccountSerializers.optional(in, "gatewayRealm"));
                case "U" -> new ChargingRequest.Update(session, number, services);
                case "T" -> new ChargingRequest.Terminate(session, number, services);
                case "E" -> new ChargingRequest.Event(session, number, SubscriberId.parse(subscriber),
                        EventAction.valueOf(action), services);
                default -> throw new IllegalArgumentException("unknown request kind " + kind);
            };
            return new ChargeCommand(request, in.readInt64("now"));
        }

        @Override
        public void write(CompactWriter out, ChargeCommand c) {
            ChargingRequest r = c.request();
            String subscriber = null;
            String action = null;
            String gatewayHost = null;
            String gatewayRealm = null;
            String kind;
            switch (r) {
                case ChargingRequest.Initial i -> {
                    kind = "I";
                    subscriber = i.subscriber().key();
                    gatewayHost = i.gatewayHost();
                    gatewayRealm = i.gatewayRealm();
                }
                case ChargingRequest.Update u -> kind = "U";
                case ChargingRequest.Terminate t -> kind = "T";
                case ChargingRequest.Event e -> {
                    kind = "E";
                    subscriber = e.subscriber().key();
                    action = e.action().name();
                }
            }
            out.writeString("kind", kind);
            out.writeString("sessionId", r.sessionId());
            out.writeInt64("requestNumber", r.requestNumber());
            out.writeString("subscriber", subscriber);
            out.writeString("action", action);
            out.writeString("gatewayHost", gatewayHost);
            out.writeString("gatewayRealm", gatewayRealm);
            out.writeArrayOfCompact("services", r.services().toArray(new ServiceUsage[0]));
            out.writeInt64("now", c.now());
        }

        @Override
        public String getTypeName() {
            return "ocs.ChargeCommand";
        }

        @Override
        public Class<ChargeCommand> getCompactClass() {
            return ChargeCommand.class;
        }
    }
}

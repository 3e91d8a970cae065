package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ocs.core.store.hazelcast.CommandSerializers.simple;

/**
 * The processors that read and change a {@link DirectoryShard} on its partition thread. Each carries the
 * time it was sent at, and the one that changed a shard is replayed as it is on the shard's backups, so
 * every copy expires the same bindings at the same moments. A processor that changed nothing does not
 * set the value (and, replayed, would change nothing there either).
 */
final class DirectoryProcessors {

    private DirectoryProcessors() {
    }

    /** Binds a session to an account until {@code until}: open (its idle time restarts when looked up) or ended. */
    record Bind(String sessionId, String accountId, long until, boolean ended)
            implements EntryProcessor<String, DirectoryShard, Object> {
        @Override
        public Object process(Map.Entry<String, DirectoryShard> e) {
            DirectoryShard shard = e.getValue() == null ? new DirectoryShard() : e.getValue();
            shard.bind(sessionId, accountId, until, ended);
            e.setValue(shard);
            return null;
        }

        @Override
        public EntryProcessor<String, DirectoryShard, Object> getBackupProcessor() {
            return this;
        }
    }

    /** The account a session is bound to at {@code now} (starting an open binding's idle time again), or null. */
    record LookUp(String sessionId, long now, long idleMillis) implements EntryProcessor<String, DirectoryShard, String> {
        @Override
        public String process(Map.Entry<String, DirectoryShard> e) {
            DirectoryShard shard = e.getValue();
            if (shard == null) {
                return null;
            }
            String account = shard.lookUp(sessionId, now, idleMillis);
            if (shard.lookUpChanged()) {
                e.setValue(shard);
            }
            return account;
        }

        @Override
        public EntryProcessor<String, DirectoryShard, String> getBackupProcessor() {
            return this;
        }
    }

    /** Removes the shard's bindings expired at {@code now}; answers how many. */
    record Expire(long now) implements EntryProcessor<String, DirectoryShard, Integer> {
        @Override
        public Integer process(Map.Entry<String, DirectoryShard> e) {
            DirectoryShard shard = e.getValue();
            if (shard == null) {
                return 0;
            }
            int removed = shard.expire(now);
            if (removed > 0) {
                e.setValue(shard);
            }
            return removed;
        }

        @Override
        public EntryProcessor<String, DirectoryShard, Integer> getBackupProcessor() {
            return this;
        }
    }

    /** How many bindings the shard holds (expired ones not yet removed included). */
    record Count() implements EntryProcessor<String, DirectoryShard, Integer>, ReadOnly {
        @Override
        public Integer process(Map.Entry<String, DirectoryShard> e) {
            return e.getValue() == null ? 0 : e.getValue().size();
        }

        @Override
        public EntryProcessor<String, DirectoryShard, Integer> getBackupProcessor() {
            return null;
        }
    }

    static List<CompactSerializer<?>> serializers() {
        return List.of(
                simple("ocs.DirectoryBind", Bind.class, (o, b) -> {
                    o.writeString("sessionId", b.sessionId());
                    o.writeString("accountId", b.accountId());
                    o.writeInt64("until", b.until());
                    o.writeBoolean("ended", b.ended());
                }, in -> new Bind(in.readString("sessionId"), in.readString("accountId"), in.readInt64("until"),
                        in.readBoolean("ended"))),
                simple("ocs.DirectoryLookUp", LookUp.class, (o, l) -> {
                    o.writeString("sessionId", l.sessionId());
                    o.writeInt64("now", l.now());
                    o.writeInt64("idleMillis", l.idleMillis());
                }, in -> new LookUp(in.readString("sessionId"), in.readInt64("now"), in.readInt64("idleMillis"))),
                simple("ocs.DirectoryExpire", Expire.class, (o, x) -> o.writeInt64("now", x.now()),
                        in -> new Expire(in.readInt64("now"))),
                simple("ocs.DirectoryCount", Count.class, (o, c) -> { }, in -> new Count()),
                simple("ocs.DirectoryShard", DirectoryShard.class, DirectoryProcessors::write, DirectoryProcessors::read));
    }

    /** A shard as its bindings (migrations and the first copy to a backup send it whole). */
    private static void write(CompactWriter out, DirectoryShard shard) {
        List<DirectoryShard.Binding> all = new ArrayList<>(shard.size());
        shard.forEach(all::add);
        String[] sessions = new String[all.size()];
        String[] accounts = new String[all.size()];
        long[] until = new long[all.size()];
        boolean[] ended = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            DirectoryShard.Binding b = all.get(i);
            sessions[i] = b.sessionId();
            accounts[i] = b.accountId();
            until[i] = b.expiresAt();
            ended[i] = b.ended();
        }
        out.writeArrayOfString("sessions", sessions);
        out.writeArrayOfString("accounts", accounts);
        out.writeArrayOfInt64("until", until);
        out.writeArrayOfBoolean("ended", ended);
    }

    private static DirectoryShard read(CompactReader in) {
        String[] sessions = in.readArrayOfString("sessions");
        String[] accounts = in.readArrayOfString("accounts");
        long[] until = in.readArrayOfInt64("until");
        boolean[] ended = in.readArrayOfBoolean("ended");
        DirectoryShard shard = new DirectoryShard();
        for (int i = 0; i < sessions.length; i++) {
            shard.bind(sessions[i], accounts[i], until[i], ended[i]);
        }
        return shard;
    }
}

package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import dev.ocs.core.charging.ChargingPolicy;
import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.SessionDirectory;
import dev.ocs.core.store.SubscriberDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The grid on Hazelcast: accounts in an {@link IMap} kept as objects (each command runs on the
 * deserialized value on its partition thread), subscriber and session directories beside it.
 */
public final class HazelcastGrid implements Grid {

    public static final String ACCOUNTS = "ocs-accounts";
    public static final String SUBSCRIBERS = "ocs-subscribers";
    public static final String SESSIONS = "ocs-sessions";

    private final HazelcastInstance hz;
    private final boolean owned;
    private final HazelcastAccountStore accounts;
    private final SubscriberDirectory subscribers;
    private final SessionDirectory sessions;

    /**
     * @param owned             whether {@link #close} shuts the member down
     * @param sessionIdleSeconds how long a session entry lives unread (validity + grace + retransmission window)
     */
    public HazelcastGrid(HazelcastInstance hz, boolean owned, long sessionIdleSeconds) {
        this.hz = hz;
        this.owned = owned;
        IMap<String, Account> accountMap = hz.getMap(ACCOUNTS);
        IMap<String, String> subscriberMap = hz.getMap(SUBSCRIBERS);
        IMap<String, String> sessionMap = hz.getMap(SESSIONS);
        this.accounts = new HazelcastAccountStore(hz, accountMap);
        this.subscribers = new SubscriberDirectory() {
            @Override
            public CompletableFuture<String> accountOf(String key) {
                return subscriberMap.getAsync(key).toCompletableFuture();
            }

            @Override
            public String bindIfAbsent(String key, String accountId) {
                String existing = subscriberMap.putIfAbsent(key, accountId);
                return existing == null ? accountId : existing;
            }

            @Override
            public boolean unbind(String key, String accountId) {
                return subscriberMap.remove(key, accountId);
            }
        };
        this.sessions = new SessionDirectory() {
            @Override
            public CompletableFuture<String> accountOf(String sessionId) {
                return sessionMap.getAsync(sessionId).toCompletableFuture();
            }

            @Override
            public CompletableFuture<Void> bind(String sessionId, String accountId) {
                return sessionMap.setAsync(sessionId, accountId, 0, TimeUnit.SECONDS, sessionIdleSeconds, TimeUnit.SECONDS)
                        .toCompletableFuture();
            }

            @Override
            public CompletableFuture<Void> retire(String sessionId, String accountId, long seconds) {
                return sessionMap.setAsync(sessionId, accountId, Math.max(1, seconds), TimeUnit.SECONDS,
                        0, TimeUnit.SECONDS).toCompletableFuture();
            }
        };
    }

    /** Starts a member configured from {@code settings} and returns the grid it serves. */
    public static HazelcastGrid start(GridConfig settings, ChargingPolicy policy) {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config(settings, policy));
        return new HazelcastGrid(hz, true, policy.sessionIdleSeconds());
    }

    /** The member configuration: loopback, TCP/IP join only, no phone-home, our maps and serializers. */
    public static Config config(GridConfig s, ChargingPolicy policy) {
        Config config = base(s.hazelcastConfig());
        config.setClusterName(s.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", s.bindHost());
        config.getJetConfig().setEnabled(false);
        // Ended sessions' bindings expire after the retransmission window, thousands a second under
        // load. Hazelcast's default cleaner (every 5 s, 10 % of a few partitions) fell behind and the
        // heap grew without bound in a soak; this one visits every partition every second.
        config.setProperty("hazelcast.internal.map.expiration.task.period.seconds", "1");
        config.setProperty("hazelcast.internal.map.expiration.cleanup.percentage", "100");
        config.setProperty("hazelcast.internal.map.expiration.cleanup.operation.count",
                config.getProperty("hazelcast.partition.count") == null ? "271" : config.getProperty("hazelcast.partition.count"));
        NetworkConfig net = config.getNetworkConfig();
        net.setPort(s.port()).setPortAutoIncrement(s.portAutoIncrement());
        net.getInterfaces().setEnabled(true).setInterfaces(List.of(s.bindHost()));
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(s.members()));

        config.addMapConfig(new MapConfig(ACCOUNTS).setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(s.backupCount()).setStatisticsEnabled(true));
        // Identities change only by operator action and are read on every INITIAL/EVENT: a near cache
        // (invalidated on change) serves them without a partition operation. Sessions get none: a
        // near-cache hit would not refresh the entry's idle time.
        config.addMapConfig(new MapConfig(SUBSCRIBERS).setBackupCount(s.backupCount())
                .setNearCacheConfig(new NearCacheConfig().setInMemoryFormat(InMemoryFormat.OBJECT)
                        .setInvalidateOnChange(true).setCacheLocalEntries(true)));
        config.addMapConfig(new MapConfig(SESSIONS).setBackupCount(s.backupCount()));
        for (CompactSerializer<?> serializer : serializers()) {
            config.getSerializationConfig().getCompactSerializationConfig().addSerializer(serializer);
        }
        PolicyContext.install(config, policy);
        PendingMarks.install(config);
        return config;
    }

    static List<CompactSerializer<?>> serializers() {
        List<CompactSerializer<?>> all = new ArrayList<>();
        all.addAll(AccountSerializers.all());
        all.addAll(ResultSerializers.all());
        all.addAll(CommandSerializers.all());
        return all;
    }

    private static Config base(String file) {
        if (file == null || file.isBlank()) {
            return new Config();
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new ConfigException("grid.hazelcast-config: cannot read " + path);
        }
        try {
            return Config.loadFromFile(path.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("grid.hazelcast-config: " + path + " is not a valid Hazelcast config: " + e.getMessage(), e);
        }
    }

    public HazelcastInstance instance() {
        return hz;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public SubscriberDirectory subscribers() {
        return subscribers;
    }

    @Override
    public SessionDirectory sessions() {
        return sessions;
    }

    @Override
    public int members() {
        return hz.getCluster().getMembers().size();
    }

    @Override
    public void close() {
        if (owned) {
            hz.shutdown();
        }
    }
}

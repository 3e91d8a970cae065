package dev.ocs.core.store.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.GridConfig;
import dev.ocs.core.config.PersistenceConfig;
import dev.ocs.core.store.AccountRepository;
import dev.ocs.core.store.AccountStore;
import dev.ocs.core.store.Grid;
import dev.ocs.core.store.Persistence;
import dev.ocs.core.store.SessionDirectory;
import dev.ocs.core.store.SubscriberDirectory;
import dev.ocs.core.store.jdbc.AccountDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The grid on Hazelcast: accounts in an {@link IMap} kept as objects (each command runs on the
 * deserialized value on its partition thread), subscriber and session directories beside it.
 *
 * <p>With a durable store, the accounts map is loaded from it eagerly when the member starts (the
 * constructor returns only once every account is in memory), the subscriber and session directories
 * are rebuilt from the loaded accounts, and a write-behind carries every change back to the store.
 */
public final class HazelcastGrid implements Grid {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastGrid.class);

    public static final String ACCOUNTS = "ocs-accounts";
    public static final String SUBSCRIBERS = "ocs-subscribers";
    public static final String SESSIONS = "ocs-sessions";
    private final TopicSignals signals;

    private final HazelcastInstance hz;
    private final boolean owned;
    private final HazelcastAccountStore accounts;
    private final SubscriberDirectory subscribers;
    private final ShardedSessions sessions;
    private final Persistence persistence;
    private final AccountLoader loader;
    private final SplitBrainProtection protection;

    /**
     * A grid without a durable store (memory only).
     *
     * @param owned             whether {@link #close} shuts the member down
     * @param sessionIdleSeconds how long a session entry lives unread (validity + grace + retransmission window)
     */
    public HazelcastGrid(HazelcastInstance hz, boolean owned, long sessionIdleSeconds) {
        this(hz, owned, sessionIdleSeconds, 0, null);
    }

    /** What a durable member brings: the store, and the loader and registry installed in its configuration. */
    private record Durable(AccountRepository repository, AccountLoader loader, DirectoryBacklog backlog,
                           DirtyAccounts dirty, PersistenceConfig settings) {
    }

    private HazelcastGrid(HazelcastInstance hz, boolean owned, long sessionIdleSeconds, long retransmissionSeconds,
                          Durable durable) {
        this.hz = hz;
        this.owned = owned;
        long loadStart = System.nanoTime();
        IMap<String, AccountState> accountMap = hz.getMap(ACCOUNTS); // a durable map is loaded (EAGER) before this returns
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;
        accountMap.addInterceptor(new LedgerGuard()); // one per map: every member registers the same one
        IMap<String, String> subscriberMap = hz.getMap(SUBSCRIBERS);
        IMap<String, DirectoryShard> sessionMap = hz.getMap(SESSIONS);
        this.sessions = new ShardedSessions(hz, sessionMap, sessionIdleSeconds, System::currentTimeMillis);
        this.loader = durable == null ? null : durable.loader();
        this.persistence = durable == null ? Persistence.NONE
                : GridPersistence.start(accountMap, hz.getPartitionService(), subscriberMap, sessions, durable.repository(), durable.loader(),
                        durable.backlog(), durable.dirty(), durable.settings(), retransmissionSeconds,
                        loadMillis);
        this.signals = new TopicSignals(hz);
        this.protection = hz.getConfig().getSplitBrainProtectionConfigs().containsKey(SplitBrainGuard.NAME)
                ? hz.getSplitBrainProtectionService().getSplitBrainProtection(SplitBrainGuard.NAME) : null;
        this.accounts = new HazelcastAccountStore(hz, accountMap,
                persistence instanceof GridPersistence gp ? gp : null);
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
    }

    /** Starts a memory-only member configured from {@code settings} and returns the grid it serves. */
    public static HazelcastGrid start(GridConfig settings, ChargingPolicy policy) {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config(settings, policy));
        hz.getCluster().addMembershipListener(new MemberWatch(settings));
        return new HazelcastGrid(hz, true, policy.sessionIdleSeconds());
    }

    /**
     * Starts a member over the configured durable store (opened and migrated here; memory only for
     * backend {@code none}). Returns once every stored account is loaded.
     *
     * @throws dev.ocs.core.store.StoreUnavailableException when the store cannot be opened
     */
    public static HazelcastGrid start(GridConfig settings, ChargingPolicy policy, PersistenceConfig persistence) {
        if (persistence.backend() == PersistenceConfig.Backend.NONE) {
            return start(settings, policy);
        }
        AccountRepository repository = AccountDatabase.open(persistence);
        try {
            return start(settings, policy, repository, persistence);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    /** Starts a member over an open repository, which the grid closes with itself. */
    public static HazelcastGrid start(GridConfig settings, ChargingPolicy policy, AccountRepository repository,
                                      PersistenceConfig persistence) {
        DirectoryBacklog backlog = new DirectoryBacklog();
        Config config = config(settings, policy);
        AccountLoader loader = new AccountLoader(repository, backlog, PendingMarks.of(config));
        // offload off: with it (Hazelcast's default) every operation on the map runs through the stepped
        // engine meant for slow map stores, and the partition threads did 70 % more work per CCR
        // (measured); our loader answers from memory once the initial load is done
        config.getMapConfig(ACCOUNTS).setMapStoreConfig(new MapStoreConfig().setEnabled(true).setImplementation(loader)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER).setOffload(false));
        DirtyAccounts dirty = DirtyAccounts.install(config);
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        hz.getCluster().addMembershipListener(new MemberWatch(settings));
        if (persistence.backend() == PersistenceConfig.Backend.SQLITE && hz.getCluster().getMembers().size() > 1) {
            int n = hz.getCluster().getMembers().size();
            hz.shutdown();
            throw new ConfigException("persistence.backend sqlite keeps the accounts in this member's own file, but this "
                    + "member joined a cluster of " + n + " (grid.cluster-name '" + settings.clusterName() + "'): a cluster "
                    + "needs persistence.backend postgresql; or give this server a cluster name of its own");
        }
        try {
            return new HazelcastGrid(hz, true, policy.sessionIdleSeconds(), policy.retransmissionWindowSeconds(),
                    new Durable(repository, loader, backlog, dirty, persistence));
        } catch (RuntimeException e) {
            hz.shutdown();
            throw e;
        }
    }

    /**
     * The member configuration: from the {@code grid} settings (loopback, TCP/IP join, member port only by
     * default), or a full Hazelcast file used as written for cluster name, network and join; then always
     * no phone-home, the split-brain protection, our maps and serializers.
     */
    public static Config config(GridConfig s, ChargingPolicy policy) {
        boolean asWritten = !s.hazelcastConfig().isBlank();
        Config config = base(s.hazelcastConfig());
        if (!asWritten) {
            config.setClusterName(s.clusterName());
            MemberNetwork.apply(config, s);
        } else if (!config.getAdvancedNetworkConfig().isEnabled()) {
            LOG.warn("{}: the member port also accepts Hazelcast clients (no advanced-network member endpoint): "
                    + "anything that reaches it with the cluster name can write to the accounts past the ledger",
                    s.hazelcastConfig());
        }
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getJetConfig().setEnabled(false);
        // The initial load sends keys to the partitions in chunks of this many, each partition loading its
        // share with one query: Hazelcast's 1,000 makes a query of ~4 keys per partition (measured: 2.2 s for
        // 5,000 accounts); 50,000 makes one of ~185.
        if (config.getProperty("hazelcast.map.load.chunk.size") == null) {
            config.setProperty("hazelcast.map.load.chunk.size", "50000");
        }
        SplitBrainGuard.apply(config, s.splitBrain());

        MapConfig accounts = config.getMapConfig(ACCOUNTS).setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(s.backupCount()).setStatisticsEnabled(true);
        // No near cache for the identities (read on every INITIAL and EVENT): with Hazelcast's default size
        // of 10,000 entries it served one session start in ten with 100,000 subscribers, and every miss put a
        // record, a key and a value in it that outlived a young collection only to be evicted from the old
        // generation (issue 12, same script run: GC time at 20,000 CCR/s 349 / 397 ms without it against
        // 447 / 491 with it, p99 15.9 / 14.3 against 20.2 / 18.5 ms). A cache that held every subscriber
        // would cost about 250 bytes each (250 MB at a million). Sessions get none either.
        MapConfig subscribers = config.getMapConfig(SUBSCRIBERS).setBackupCount(s.backupCount());
        // the session directory: one shard per partition, changed in place (ShardedSessions)
        MapConfig sessions = config.getMapConfig(SESSIONS).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(s.backupCount());
        for (MapConfig map : List.of(accounts, subscribers, sessions)) {
            SplitBrainGuard.protect(map, s.splitBrain());
            config.addMapConfig(map);
        }
        for (CompactSerializer<?> serializer : serializers()) {
            config.getSerializationConfig().getCompactSerializationConfig().addSerializer(serializer);
        }
        PolicyContext.install(config, policy);
        PendingMarks.install(config);
        DueIndex.install(config);
        OpenSessionMarks.install(config);
        return config;
    }

    static List<CompactSerializer<?>> serializers() {
        List<CompactSerializer<?>> all = new ArrayList<>();
        all.addAll(AccountSerializers.all());
        all.addAll(ResultSerializers.all());
        all.addAll(CommandSerializers.all());
        all.addAll(DirectoryProcessors.serializers());
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

    /** Whether a partition of the accounts lost owner and backups since this member started (misses read the store since). */
    boolean accountsLost() {
        return loader != null && loader.partitionLostSeen();
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
    public boolean hasQuorum() {
        return protection == null || protection.hasMinimumSize();
    }

    @Override
    public boolean isTransient(Throwable failure) {
        return SplitBrainGuard.isTransient(failure);
    }

    @Override
    public boolean backupsInSync() {
        return hz.getPartitionService().isLocalMemberSafe();
    }

    @Override
    public int members() {
        return hz.getCluster().getMembers().size();
    }

    @Override
    public dev.ocs.core.gateway.GatewaySignals signals() {
        return signals;
    }

    @Override
    public Persistence persistence() {
        return persistence;
    }

    /**
     * Writes what the write-behind holds, leaves the cluster, writes what arrived meanwhile (changes
     * replayed here as a backup while partitions migrated away), then closes the store.
     */
    @Override
    public void close() {
        persistence.flush();
        sessions.close();
        if (owned) {
            hz.shutdown();
        }
        if (persistence instanceof GridPersistence durable) {
            durable.close();
        }
    }
}

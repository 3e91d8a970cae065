package dev.ocs.core.store;

/** The three stores the charging core works on, and how to shut them down. */
public interface Grid extends AutoCloseable {

    AccountStore accounts();

    SubscriberDirectory subscribers();

    SessionDirectory sessions();

    /** How the accounts reach the durable store ({@link Persistence#NONE} for a grid in memory only). */
    Persistence persistence();

    /** How a change reaches the gateways of the sessions it concerns (RAR/ASR), wherever they are connected. */
    dev.ocs.core.gateway.GatewaySignals signals();

    /**
     * Whether this node sees enough of the cluster to charge ({@code grid.minimum-cluster-size}): false on
     * the minority side of a network split, which must not grant from its copy of the accounts.
     */
    default boolean hasQuorum() {
        return true;
    }

    /** Whether a failed charge may succeed on another node (no quorum, a change whose backup was not confirmed). */
    default boolean isTransient(Throwable failure) {
        return false;
    }

    /**
     * Whether every account this member owns has its backups in place, so this member may stop (or fail)
     * without losing any: wait for it on every node between the steps of a rolling restart.
     */
    default boolean backupsInSync() {
        return true;
    }

    /** Number of members of the data grid this node sees (1 for an embedded single member). */
    int members();

    @Override
    void close();
}

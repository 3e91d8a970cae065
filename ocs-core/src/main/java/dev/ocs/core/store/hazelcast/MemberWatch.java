package dev.ocs.core.store.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import dev.ocs.core.config.GridConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says loudly when a member joins from a host that is not in {@code grid.members}. Hazelcast's
 * open-source edition has no member authentication: a process that reaches the grid port and knows
 * the cluster name can join and take partitions. It cannot be refused here; it must not be able to
 * reach the port (a private interface, a firewall), and if it does, the operator must hear of it.
 */
final class MemberWatch implements MembershipListener {

    private static final Logger LOG = LoggerFactory.getLogger(MemberWatch.class);

    private final Set<String> hosts;

    MemberWatch(GridConfig settings) {
        this.hosts = settings.members().stream().map(m -> m.contains(":") ? m.substring(0, m.lastIndexOf(':')) : m)
                .collect(Collectors.toSet());
    }

    boolean expected(String host) {
        return hosts.contains(host);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        String host = event.getMember().getAddress().getHost();
        if (!expected(host)) {
            LOG.error("member {} joined the grid from {}, which is not in grid.members {}: check who can reach the grid port",
                    event.getMember().getUuid(), event.getMember().getAddress(), hosts);
        }
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
    }
}

package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import dev.ocs.core.gateway.GatewaySignals;
import dev.ocs.core.gateway.SessionSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Signals for gateways across the cluster: published on a topic every member listens to; the member
 * that holds the gateway's connection sends the request, the others let it pass. Which member holds
 * which gateway is kept in a map (host to member), so a signal for a gateway no member holds is known
 * as such. A member that leaves takes its entries with it (they are removed when its members' view
 * says it is gone: see {@link #memberLeft}).
 */
final class TopicSignals implements GatewaySignals {

    static final String TOPIC = "ocs-gateway-signals";
    static final String GATEWAYS = "ocs-gateway-connections";
    private static final Logger LOG = LoggerFactory.getLogger(TopicSignals.class);

    private final ITopic<String[]> topic;
    private final IMap<String, String> gateways;
    private final String self;
    private volatile Consumer<SessionSignal> handler = s -> { };

    TopicSignals(HazelcastInstance hz) {
        this.topic = hz.getTopic(TOPIC);
        this.gateways = hz.getMap(GATEWAYS);
        this.self = hz.getCluster().getLocalMember().getUuid().toString();
        topic.addMessageListener(m -> {
            try {
                handler.accept(SessionSignal.of(m.getMessageObject()));
            } catch (RuntimeException e) {
                LOG.warn("a gateway signal could not be handled: {}", e.toString());
            }
        });
        hz.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(com.hazelcast.cluster.MembershipEvent e) {
                // nothing: a new member registers its gateways as they connect
            }

            @Override
            public void memberRemoved(com.hazelcast.cluster.MembershipEvent e) {
                memberLeft(e.getMember().getUuid());
            }
        });
    }

    @Override
    public void publish(List<SessionSignal> signals) {
        for (SessionSignal s : signals) {
            topic.publish(s.toStrings());
        }
    }

    @Override
    public void handle(Consumer<SessionSignal> handler) {
        this.handler = handler;
    }

    @Override
    public void connected(String gatewayHost) {
        gateways.set(gatewayHost, self);
    }

    @Override
    public void disconnected(String gatewayHost) {
        gateways.remove(gatewayHost, self);
    }

    @Override
    public boolean reachable(String gatewayHost) {
        return gateways.containsKey(gatewayHost);
    }

    private void memberLeft(UUID member) {
        String gone = member.toString();
        gateways.removeAll(com.hazelcast.query.Predicates.equal("this", gone));
    }
}

package dev.ocs.diameter.transport;

import dev.ocs.core.config.TlsConfig;
import dev.ocs.core.management.Rejections;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Diameter port enforces before any message reaches jdiameter: message size and the CER
 * deadline, who may connect (the peer list, one connection per Origin-Host), and how many
 * connections there may be.
 *
 * @param maxMessageBytes          the largest message accepted; a longer one closes the connection
 * @param cerDeadlineMillis        a connection whose first complete message has not arrived by then is closed
 * @param originHost               our Origin-Host, for the answers the transport writes itself
 * @param originRealm              our Origin-Realm
 * @param allowedPeers             Origin-Hosts that may connect; empty: any (accept-undefined-peers)
 * @param maxConnections           connections open at once, over all addresses; more are closed at accept
 * @param maxConnectionsPerAddress connections open at once from one source address
 * @param rejections               where refusals are counted (Stats)
 * @param admission                requests in flight: under overload a CCR is answered 3004 before it is parsed
 * @param requests                 the RAR/ASR this node sends on gateway connections, and their answers
 * @param tls                      TLS on the port (from the first byte), or {@link TlsConfig#off()}
 * @param tlsContext               the context of {@code tls} ({@code null} without TLS)
 * @param peerAddresses            per Origin-Host, the only source addresses it may connect from
 */
public record FrameRules(int maxMessageBytes, long cerDeadlineMillis, String originHost, String originRealm,
                         Set<String> allowedPeers, int maxConnections, int maxConnectionsPerAddress,
                         Rejections rejections, Admission admission, GatewayRequests requests,
                         TlsConfig tls, javax.net.ssl.SSLContext tlsContext,
                         Map<String, Set<java.net.InetAddress>> peerAddresses) {

    /** 64 KiB: a CCR with dozens of MSCCs is a few KiB; megabytes are an attack, not traffic. */
    public static final int MAX_MESSAGE_BYTES_DEFAULT = 64 * 1024;
    /** 5 s to send a CER: a gateway sends it at once; a silent connection only holds resources. */
    public static final long CER_DEADLINE_MILLIS_DEFAULT = 5_000;
    /** Gateways hold one or two connections to an OCS; a thousand is a large network's worth. */
    public static final int MAX_CONNECTIONS_DEFAULT = 1_024;
    /** A gateway (or a NAT in front of several) from one address. */
    public static final int MAX_CONNECTIONS_PER_ADDRESS_DEFAULT = 64;

    /** jdiameter builds the network guard by class name: the server leaves the rules here, by port, first. */
    private static final Map<Integer, FrameRules> BY_PORT = new ConcurrentHashMap<>();

    public FrameRules {
        allowedPeers = Set.copyOf(allowedPeers);
        peerAddresses = Map.copyOf(peerAddresses);
    }

    public static FrameRules defaults() {
        return new FrameRules(MAX_MESSAGE_BYTES_DEFAULT, CER_DEADLINE_MILLIS_DEFAULT, "ocs.localdomain", "localdomain",
                Set.of(), MAX_CONNECTIONS_DEFAULT, MAX_CONNECTIONS_PER_ADDRESS_DEFAULT, new Rejections(),
                new Admission(dev.ocs.diameter.server.DiameterSettings.MAX_IN_FLIGHT_DEFAULT, Admission.RESERVE_PERCENT),
                new GatewayRequests("ocs.localdomain", "localdomain", new dev.ocs.core.gateway.GatewaySignals.Local(),
                        new dev.ocs.core.management.Counters(), 5_000), TlsConfig.off(), null, Map.of());
    }

    public static void register(int port, FrameRules rules) {
        BY_PORT.put(port, rules);
    }

    public static FrameRules forPort(int port) {
        return BY_PORT.getOrDefault(port, defaults());
    }

    /** The rules of a server with these settings. */
    public static FrameRules of(dev.ocs.diameter.server.DiameterSettings s, Rejections rejections, Admission admission,
                                GatewayRequests requests) {
        return new FrameRules(s.maxMessageBytes(), s.cerTimeoutMillis(), s.originHost(), s.originRealm(),
                s.allowedOriginHosts(), s.maxConnections(), s.maxConnectionsPerAddress(), rejections, admission, requests,
                s.tls(), s.tls().enabled() ? s.tls().context() : null, s.peerAddresses());
    }

    /** Whether {@code originHost} may connect from {@code address} (a host without listed addresses may connect from any). */
    public boolean allowsFrom(String originHost, java.net.InetAddress address) {
        Set<java.net.InetAddress> only = peerAddresses.get(originHost);
        return only == null || only.contains(address);
    }

    /** Whether a gateway calling itself {@code originHost} may connect (exactly as listed: jdiameter's peer table compares so). */
    public boolean allows(String originHost) {
        return allowedPeers.isEmpty() || allowedPeers.contains(originHost);
    }
}

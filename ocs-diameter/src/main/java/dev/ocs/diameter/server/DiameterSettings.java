package dev.ocs.diameter.server;

import dev.ocs.core.config.TlsConfig;
import dev.ocs.diameter.transport.FrameRules;

import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.ConfigTree;

import java.util.List;

/**
 * The {@code diameter:} section of config/ocs.yaml: where the Gy server listens, who it says it is,
 * which gateways it accepts, and how it words final-unit handling.
 *
 * @param host                  address the server binds (loopback by default)
 * @param port                  Diameter port (3868)
 * @param originHost            our Origin-Host (DiamIdent)
 * @param originRealm           our Origin-Realm
 * @param acceptUndefinedPeers  accept any gateway that connects (the local default); false: only {@code peers}
 * @param peers                 allowed gateways as {@code aaa://host:port}, each with its realm in {@code peerRealm}
 * @param peerRealm             realm of the configured gateways
 * @param messageTimeoutMillis  jdiameter's MessageTimeOut (kept short: every answer holds a timer that long)
 * @param maxInFlight           requests being charged at once before new ones get 3004 TOO_BUSY
 * @param maxMessageBytes       the largest message a gateway may send; a longer one closes its connection
 * @param cerTimeoutMillis      a connection that has not sent a whole first message (its CER) by then is closed
 * @param maxConnections        gateway connections open at once; more are closed at accept
 * @param maxConnectionsPerAddress gateway connections open at once from one source address
 * @param singleServiceRatingGroup the rating group charging units sent at command level (single-service
 *                              Gy, no MSCC); -1: such requests are answered 5031
 * @param defaultTerms          how grants are worded (final-unit action and its redirect or filter,
 *                              Quota-Holding-Time, quota threshold) for rating groups not in {@code grantTerms}
 * @param grantTerms            the same per rating group
 * @param failureHandling       Credit-Control-Failure-Handling in every CCA of a CCR-I (null: left out)
 * @param sessionFailover       CC-Session-Failover in every CCA of a CCR-I: may the gateway move the session
 *                              to another OCS node (null: left out)
 * @param tls                   TLS from the first byte on the port (RFC 6733 13), with client certificates: a
 *                              gateway's Origin-Host must then be named in its certificate
 * @param peerAddresses         per Origin-Host, the source addresses its connections may come from (a host
 *                              not listed may come from anywhere)
 */
public record DiameterSettings(String host, int port, String originHost, String originRealm,
                               boolean acceptUndefinedPeers, List<String> peers, String peerRealm,
                               long messageTimeoutMillis, int maxInFlight, int maxMessageBytes, long cerTimeoutMillis,
                               int maxConnections, int maxConnectionsPerAddress, long singleServiceRatingGroup,
                               GrantTerms defaultTerms, java.util.Map<Long, GrantTerms> grantTerms,
                               FailureHandling failureHandling, Boolean sessionFailover, TlsConfig tls,
                               java.util.Map<String, java.util.Set<java.net.InetAddress>> peerAddresses) {

    public enum FinalUnitAction { TERMINATE, REDIRECT, RESTRICT_ACCESS }

    /** Credit-Control-Failure-Handling (RFC 4006 8.14): what a gateway does when this OCS does not answer. */
    public enum FailureHandling { TERMINATE, CONTINUE, RETRY_AND_TERMINATE }

    // ---- the defaults of the diameter section, each in one place -------------------------------------

    /** Loopback: a gateway reaches the OCS only where the operator opens it. */
    public static final String HOST_DEFAULT = "127.0.0.1";
    /** RFC 6733's Diameter port. */
    public static final int PORT_DEFAULT = 3868;
    public static final String ORIGIN_HOST_DEFAULT = "ocs.localdomain";
    public static final String ORIGIN_REALM_DEFAULT = "localdomain";
    /** Any gateway may connect (a local simulator); production lists its peers. */
    public static final boolean ACCEPT_UNDEFINED_PEERS_DEFAULT = true;
    /** jdiameter's MessageTimeOut: every sent answer holds a timer that long, so short; RAR/ASR wait half of it. */
    public static final long MESSAGE_TIMEOUT_MILLIS_DEFAULT = 10_000;
    /** Volume-Quota-Threshold (or Time-) as a share of the grant: report when a fifth is left. */
    public static final int VOLUME_THRESHOLD_PERCENT_DEFAULT = 20;
    /** No single-service rating group: such a CCR is answered 5031 unless one is configured. */
    public static final long SINGLE_SERVICE_RATING_GROUP_DEFAULT = -1;
    /** Quota-Holding-Time left out. */
    public static final long QUOTA_HOLDING_TIME_DEFAULT = 0;

    /**
     * Requests being charged at once before new ones get 3004. By Little's law a full queue waits
     * {@code limit / throughput}: 4,000 at 20,000 CCR/s is 200 ms, well inside a gateway's Tx timer
     * (1-3 s), and still above what a 200 ms GC pause lets pile up at 10,000 CCR/s (2,000), so normal
     * load never sees a 3004.
     */
    public static final int MAX_IN_FLIGHT_DEFAULT = 4_000;

    public DiameterSettings {
        peers = List.copyOf(peers);
        grantTerms = java.util.Map.copyOf(grantTerms);
        peerAddresses = java.util.Map.copyOf(peerAddresses);
    }

    /** How grants of {@code ratingGroup} are worded. */
    public GrantTerms terms(long ratingGroup) {
        GrantTerms t = grantTerms.get(ratingGroup);
        return t != null ? t : defaultTerms;
    }

    public static DiameterSettings from(ConfigTree root) {
        ConfigTree d = root.section("diameter").rejectUnknown("host", "port", "origin-host", "origin-realm",
                "accept-undefined-peers", "peers", "peer-realm", "message-timeout-millis", "final-unit-action",
                "redirect-url", "volume-threshold-percent", "max-in-flight", "max-message-bytes", "cer-timeout-millis",
                "max-connections", "max-connections-per-address", "single-service-rating-group", "filter-id",
                "restriction-filter-rule", "quota-holding-time", "rating-groups", "credit-control-failure-handling",
                "cc-session-failover", "tls", "peer-addresses");
        FinalUnitAction fua = GrantTerms.action(d, "final-unit-action", "terminate");
        String originHost = d.string("origin-host", ORIGIN_HOST_DEFAULT);
        String originRealm = d.string("origin-realm", ORIGIN_REALM_DEFAULT);
        requireIdentity(d, "origin-host", originHost);
        requireIdentity(d, "origin-realm", originRealm);
        List<String> peers = d.strings("peers", List.of());
        for (String p : peers) {
            if (!p.matches("aaas?://[A-Za-z0-9.\\-]+:\\d{1,5}")) {
                throw new ConfigException(d.key("peers") + ": '" + p + "' must look like aaa://host:port");
            }
        }
        boolean acceptUndefined = d.bool("accept-undefined-peers", ACCEPT_UNDEFINED_PEERS_DEFAULT);
        if (!acceptUndefined && peers.isEmpty()) {
            throw new ConfigException(d.key("peers") + " must list the allowed gateways when accept-undefined-peers is false");
        }
        String redirect = d.string("redirect-url", "");
        GrantTerms defaults = new GrantTerms(fua, redirect, d.string("filter-id", ""), d.string("restriction-filter-rule", ""),
                d.longValue("quota-holding-time", QUOTA_HOLDING_TIME_DEFAULT, 0, 0xFFFF_FFFFL),
                (int) d.longValue("volume-threshold-percent", VOLUME_THRESHOLD_PERCENT_DEFAULT, 0, 99));
        defaults.check(d);
        java.util.Map<Long, GrantTerms> perGroup = new java.util.HashMap<>();
        for (ConfigTree t : d.sections("rating-groups")) {
            long rg = t.requiredLong("rating-group", 0, 0xFFFF_FFFFL);
            if (perGroup.put(rg, GrantTerms.from(t, defaults)) != null) {
                throw new ConfigException(t.key("rating-group") + ": rating group " + rg + " is listed twice");
            }
        }
        String ccfh = d.string("credit-control-failure-handling", "");
        FailureHandling failureHandling = switch (ccfh) {
            case "" -> null;
            case "terminate" -> FailureHandling.TERMINATE;
            case "continue" -> FailureHandling.CONTINUE;
            case "retry-and-terminate" -> FailureHandling.RETRY_AND_TERMINATE;
            default -> throw new ConfigException(d.key("credit-control-failure-handling")
                    + " must be terminate, continue or retry-and-terminate, got '" + ccfh + "'");
        };
        String failover = d.string("cc-session-failover", "");
        Boolean sessionFailover = switch (failover) {
            case "" -> null;
            case "supported" -> true;
            case "not-supported" -> false;
            default -> throw new ConfigException(d.key("cc-session-failover") + " must be supported or not-supported, got '"
                    + failover + "'");
        };
        return new DiameterSettings(d.string("host", HOST_DEFAULT), (int) d.longValue("port", PORT_DEFAULT, 1, 65535),
                originHost, originRealm, acceptUndefined, peers, d.string("peer-realm", originRealm),
                d.longValue("message-timeout-millis", MESSAGE_TIMEOUT_MILLIS_DEFAULT, 1_000, 600_000),
                (int) d.longValue("max-in-flight", MAX_IN_FLIGHT_DEFAULT, 1, 1_000_000),
                (int) d.longValue("max-message-bytes", FrameRules.MAX_MESSAGE_BYTES_DEFAULT, 4_096, 16L << 20),
                d.longValue("cer-timeout-millis", FrameRules.CER_DEADLINE_MILLIS_DEFAULT, 100, 600_000),
                (int) d.longValue("max-connections", FrameRules.MAX_CONNECTIONS_DEFAULT, 1, 100_000),
                (int) d.longValue("max-connections-per-address", FrameRules.MAX_CONNECTIONS_PER_ADDRESS_DEFAULT, 1, 100_000),
                d.longValue("single-service-rating-group", SINGLE_SERVICE_RATING_GROUP_DEFAULT, -1, 0xFFFF_FFFFL),
                defaults, perGroup, failureHandling, sessionFailover, TlsConfig.from(d.section("tls")), peerAddresses(d));
    }

    private static java.util.Map<String, java.util.Set<java.net.InetAddress>> peerAddresses(ConfigTree d) {
        java.util.Map<String, java.util.Set<java.net.InetAddress>> out = new java.util.HashMap<>();
        for (ConfigTree p : d.sections("peer-addresses")) {
            p.rejectUnknown("origin-host", "addresses");
            String host = p.requiredString("origin-host");
            java.util.Set<java.net.InetAddress> addresses = new java.util.HashSet<>();
            for (String a : p.strings("addresses", List.of())) {
                try {
                    addresses.addAll(List.of(java.net.InetAddress.getAllByName(a)));
                } catch (java.net.UnknownHostException e) {
                    throw new ConfigException(p.key("addresses") + ": cannot resolve '" + a + "'");
                }
            }
            if (addresses.isEmpty()) {
                throw new ConfigException(p.key("addresses") + " must list at least one address of " + host);
            }
            if (out.put(host, java.util.Set.copyOf(addresses)) != null) {
                throw new ConfigException(p.key("origin-host") + ": " + host + " is listed twice");
            }
        }
        return out;
    }

    /** The Origin-Hosts of the configured peers; empty when any gateway may connect. */
    public java.util.Set<String> allowedOriginHosts() {
        if (acceptUndefinedPeers) {
            return java.util.Set.of();
        }
        java.util.Set<String> hosts = new java.util.HashSet<>();
        for (String p : peers) {
            String rest = p.substring(p.indexOf("://") + 3);
            hosts.add(rest.substring(0, rest.lastIndexOf(':')));
        }
        return hosts;
    }

    private static void requireIdentity(ConfigTree d, String key, String value) {
        if (!value.matches("[A-Za-z0-9][A-Za-z0-9.\\-]*")) {
            throw new ConfigException(d.key(key) + " must be a Diameter identity (host name characters), got '" + value + "'");
        }
    }
}

package dev.ocs.core.management;

/**
 * What the server refused at its door, by reason, since start: the counters behind the rate-limited
 * warnings (a log line per bad request would let any gateway flood the log). Shown in
 * {@code ocs:type=Stats} as {@code RejectedByReason}.
 */
public final class Rejections extends Counters {

    /** 3004: too many requests in flight, or the gateway beyond its fair share. */
    public static final String OVERLOADED = "overloaded";
    /** A request answered with a protocol error (5xxx/3xxx) before charging: bad AVPs, absurd values. */
    public static final String INVALID_REQUEST = "invalid-request";
    /** A message whose structure was broken (answered with Failed-AVP, or dropped if an answer). */
    public static final String MALFORMED_MESSAGE = "malformed-message";
    /** A stream that could not be framed (version, length): the connection was closed. */
    public static final String UNFRAMEABLE_STREAM = "unframeable-stream";
    /** A connection that sent no complete first message within the CER deadline. */
    public static final String CER_TIMEOUT = "cer-timeout";
    /**
     * A CER from a gateway not in the peer list, from an address not configured for it, or whose
     * Origin-Host its TLS certificate does not name (CEA 3010).
     */
    public static final String UNKNOWN_PEER = "unknown-peer";
    /** A CER from an Origin-Host already connected (CEA 5012 on the new connection). */
    public static final String DUPLICATE_PEER = "duplicate-peer";
    /** A connection refused at accept: too many in all, or from its address. */
    public static final String CONNECTION_LIMIT = "connection-limit";

    /** A TLS connection whose handshake failed: no certificate, one nobody vouched for, plain bytes. */
    public static final String TLS_REFUSED = "tls-refused";

    /** A gateway that left so many answers unread that its connection was closed. */
    public static final String SLOW_READER = "slow-reader";

    /** Every reason, for figures that show each one from zero. */
    public static final java.util.List<String> REASONS = java.util.List.of(OVERLOADED, INVALID_REQUEST, MALFORMED_MESSAGE,
            UNFRAMEABLE_STREAM, CER_TIMEOUT, UNKNOWN_PEER, DUPLICATE_PEER, CONNECTION_LIMIT, TLS_REFUSED, SLOW_READER);

}

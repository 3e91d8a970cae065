package dev.ocs.diameter.transport;

import dev.ocs.core.gateway.GatewayRequestCounts;
import dev.ocs.core.gateway.GatewaySignals;
import dev.ocs.core.gateway.SessionSignal;
import dev.ocs.core.management.Counters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests this OCS sends to gateways: Re-Auth-Request (RFC 4006 8.3, AUTHORIZE_ONLY) when credit is
 * back and Abort-Session-Request (RFC 4006 8.5) when a session must end. Written on the gateway's own
 * connection (the one whose CER named the session's Origin-Host), matched to their answers by
 * hop-by-hop identifier before jdiameter sees them, retried once (T flag) when unanswered, and counted:
 * sent, answered (2001), failed (an error answer, no answer after the retry, or the connection gone).
 * A gateway that never answers costs nothing but the count and a log line: a reservation it holds
 * is released by the usual expiry.
 */
public final class GatewayRequests {

    static final int RE_AUTH = 258;
    static final int ABORT_SESSION = 274;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRequests.class);
    private static final RateLimitedLog WARN = new RateLimitedLog(LOG, 30);
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "diameter-gateway-requests");
        t.setDaemon(true);
        return t;
    });

    private record Pending(SessionSignal signal, byte[] frame, int attempt, GatewayConnection via,
                           ScheduledFuture<?> timer) {
    }

    private final String originHost;
    private final String originRealm;
    private final GatewaySignals signals;
    private final Counters counts;
    private final long answerTimeoutMillis;
    private final ConcurrentHashMap<String, GatewayConnection> byHost = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger hopByHop = new AtomicInteger(ThreadLocalRandom.current().nextInt());
    private final AtomicInteger endToEnd = new AtomicInteger((int) (System.currentTimeMillis() << 20));

    /** @param answerTimeoutMillis how long an answer may take before the one retry, and again before giving up */
    public GatewayRequests(String originHost, String originRealm, GatewaySignals signals, Counters counts,
                           long answerTimeoutMillis) {
        this.originHost = originHost;
        this.originRealm = originRealm;
        this.signals = signals;
        this.counts = counts;
        this.answerTimeoutMillis = answerTimeoutMillis;
    }

    /** A gateway's connection passed its CER here: signals for it are sent through this node. */
    void connected(String host, GatewayConnection connection) {
        byHost.put(host, connection);
        signals.connected(host);
    }

    void disconnected(String host, GatewayConnection connection) {
        if (byHost.remove(host, connection)) {
            signals.disconnected(host);
        }
    }

    /** Sends the RAR or ASR if this node holds the gateway's connection; another node does otherwise. */
    public void send(SessionSignal s) {
        GatewayConnection c = byHost.get(s.gatewayHost());
        if (c == null) {
            return;
        }
        transmit(s, encode(s, hopByHop.incrementAndGet(), endToEnd.incrementAndGet(), false), 1, c);
    }

    private void transmit(SessionSignal s, byte[] frame, int attempt, GatewayConnection c) {
        int hbh = FrameCheck.readInt(frame, 12);
        ScheduledFuture<?> timer = TIMERS.schedule(() -> unanswered(hbh), answerTimeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(hbh, new Pending(s, frame, attempt, c, timer));
        if (!c.sendRequest(frame)) {
            settle(hbh, false, "the connection of " + s.gatewayHost() + " is gone");
            return;
        }
        if (attempt == 1) {
            counts.count(GatewayRequestCounts.name(s.kind(), GatewayRequestCounts.SENT));
        }
        LOG.debug("{} for session {} sent to {} (attempt {})", s.kind(), s.sessionId(), s.gatewayHost(), attempt);
    }

    private void unanswered(int hbh) {
        Pending p = pending.get(hbh);
        if (p == null) {
            return;
        }
        if (p.attempt() == 1 && !p.via().isClosed() && pending.remove(hbh, p)) {
            byte[] again = p.frame().clone();
            again[4] |= 0x10; // T: a retransmission of the same request (same identifiers)
            transmit(p.signal(), again, 2, p.via());
            return;
        }
        settle(hbh, false, "no answer from " + p.signal().gatewayHost() + " after " + p.attempt() + " attempts");
    }

    /** An answer that came in on a gateway connection: true when it answers one of ours (jdiameter never sees it). */
    boolean onAnswer(byte[] frame) {
        int command = FrameCheck.readInt(frame, 4) & 0xFFFFFF;
        if ((frame[4] & 0x80) != 0 || (command != RE_AUTH && command != ABORT_SESSION)) {
            return false;
        }
        int hbh = FrameCheck.readInt(frame, 12);
        if (!pending.containsKey(hbh)) {
            return command == RE_AUTH || command == ABORT_SESSION; // late (after the retry's answer): nothing to do
        }
        long result = resultCode(frame);
        settle(hbh, result == 2001, "answered " + result);
        return true;
    }

    private void settle(int hbh, boolean ok, String why) {
        Pending p = pending.remove(hbh);
        if (p == null) {
            return;
        }
        p.timer().cancel(false);
        SessionSignal s = p.signal();
        counts.count(GatewayRequestCounts.name(s.kind(), ok ? GatewayRequestCounts.ANSWERED : GatewayRequestCounts.FAILED));
        if (!ok) {
            WARN.warn("{} for session {} of account {}: {}", s.kind(), s.sessionId(), s.accountId(), why);
        }
    }

    /** Requests waiting for their answer. */
    public int pending() {
        return pending.size();
    }

    private static long resultCode(byte[] m) {
        int at = Wire.topLevel(m, 268);
        return at >= 0 && Wire.length(m, at) == 12 ? FrameCheck.readInt(m, at + 8) & 0xFFFF_FFFFL : -1;
    }

    /** RAR: Session-Id, Origin-Host/Realm, Destination-Realm/Host, Auth-Application-Id 4, Re-Auth-Request-Type 0. ASR alike. */
    byte[] encode(SessionSignal s, int hbh, int e2e, boolean retransmitted) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        Wire.text(body, 263, s.sessionId(), true);
        Wire.text(body, 264, originHost, true);
        Wire.text(body, 296, originRealm, true);
        Wire.text(body, 283, s.gatewayRealm().isEmpty() ? originRealm : s.gatewayRealm(), true);
        Wire.text(body, 293, s.gatewayHost(), true);
        Wire.unsigned32(body, 258, 4);
        if (s.kind() == SessionSignal.Kind.REAUTHORIZE) {
            Wire.unsigned32(body, 285, 0); // AUTHORIZE_ONLY
        }
        int command = s.kind() == SessionSignal.Kind.REAUTHORIZE ? RE_AUTH : ABORT_SESSION;
        return Wire.message(0x80 | 0x40 | (retransmitted ? 0x10 : 0), command, 4, hbh, e2e, body.toByteArray()); // R, P
    }
}

package dev.ocs.diameter.transport;

import dev.ocs.core.management.Rejections;
import org.jdiameter.api.AvpDataException;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.io.IConnection;
import org.jdiameter.client.api.io.IConnectionListener;
import org.jdiameter.client.api.io.TransportError;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.api.parser.IMessageParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One gateway's connection, as jdiameter's peer table sees it ({@link IConnection}), with our own
 * framing in front of jdiameter's parser: a message is read whole (RFC 6733 3: version 1, a length
 * of at least the header, a multiple of 4, at most {@link FrameRules#maxMessageBytes()}), its structure
 * is checked ({@link FrameCheck}), and only then parsed. A stream that cannot be framed is closed
 * (it cannot be resynchronised); a framed request with broken AVPs gets its error answer and the
 * messages behind it are read as usual; nothing spins, nothing grows without bound. The first
 * message must arrive within the CER deadline.
 *
 * <p>Until its CER is let in, a connection is read (and written) by virtual threads: a flood of silent or
 * hostile connections costs no platform thread each. A gateway let in (one connection per configured
 * Origin-Host) is then read and written by platform threads of its own: a virtual thread's every wait
 * for the socket goes through the JDK's poller and wakes a carrier thread of the virtual-thread
 * scheduler, which spins looking for work before it parks again (ForkJoinPool.deactivate: a fifth of the
 * carriers' JFR samples at 10,000 CCR/s). Measured (issue 12, bench/load-bench.sh, same script runs):
 * server CPU at 5,000 / 10,000 / 20,000 CCR/s 0.60-0.62 / 0.88-0.90 / 1.15-1.17 cores against 0.72 /
 * 1.00-1.01 / 1.20-1.21 with virtual threads throughout. The socket stays in the non-blocking mode the
 * virtual threads put it in (the JDK's platform threads then poll before a read that would wait): measured
 * the same as platform threads from the accept on.
 */
public final class GatewayConnection implements IConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
    private static final RateLimitedLog WARN = new RateLimitedLog(LOG, 20);
    /** Refused peers have their own budget: a flood of garbage must not hide who was turned away. */
    private static final RateLimitedLog PEERS = new RateLimitedLog(LOG, 20);
    private static final int CAPABILITIES_EXCHANGE = 257;
    /** Command code in the low 24 bits, flags in the high 8 of the header's second word. */
    private static final int CREDIT_CONTROL = 272;
    private static final int ORIGIN_HOST = 264;
    private static final long UNKNOWN_PEER = 3010;
    private static final long UNABLE_TO_COMPLY = 5012;
    /** Events kept for the peer table until it attaches its listener (as jdiameter's own connection does). */
    private static final int EARLY_EVENTS = 64;
    private static final String READER = "diameter-read ";
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "diameter-cer-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Socket socket;
    private final IMessageParser parser;
    private final FrameRules rules;
    private final long createdTime = System.currentTimeMillis();
    private final InetAddress remoteAddress;
    private final int remotePort;
    private final String key;
    private final Outbound outbound;
    /** Completed once jdiameter has been told this connection closed. */
    private final java.util.concurrent.CompletableFuture<Long> told = new java.util.concurrent.CompletableFuture<>();
    /** A refusal is being sent: read nothing more, close once it is out. */
    private volatile boolean leaving;
    private final Object listenerLock = new Object();
    private final List<IConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<IMessage> early = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean firstMessage;
    private final Door door;
    /** The Origin-Host this connection holds at the door, once its CER was let in. */
    private volatile String originHost;
    /** This gateway's place in the admission, once its CER was let in. */
    private volatile Admission.Gate gate;

    /** @param door the port's rules and its count of connections, which this one has entered already */
    public GatewayConnection(Socket socket, IMessageParser parser, Door door) throws IOException {
        this.socket = socket;
        this.parser = parser;
        this.door = door;
        this.rules = door.rules();
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.remoteAddress = remote.getAddress();
        this.remotePort = remote.getPort();
        this.key = "aaa://" + remoteAddress.getHostAddress() + ":" + remotePort;
        this.outbound = new Outbound(socket.getOutputStream(), Outbound.MAX_QUEUED_BYTES, key, this::close);
    }

    /** The accepted socket as the server side of TLS (the handshake runs on the reading thread, within the CER deadline). */
    public static Socket overTls(Socket accepted, FrameRules rules) throws IOException {
        return TlsPeer.accept(accepted, rules.tlsContext(), rules.tls());
    }

    /** Starts reading, and the CER deadline. */
    public void start() {
        DEADLINES.schedule(() -> {
            if (!firstMessage && !closed.get()) {
                WARN.warn("closing {}: no complete message within {} ms of connecting", key, rules.cerDeadlineMillis());
                rules.rejections().count(Rejections.CER_TIMEOUT);
                close();
            }
        }, rules.cerDeadlineMillis(), TimeUnit.MILLISECONDS);
        outbound.start();
        Thread.ofVirtual().name(READER + key).start(() -> readLoop(null));
    }

    /**
     * Reads messages until the connection closes; on the virtual thread, only until the CER is let in,
     * then the same stream goes on being read by a platform thread (see the class comment).
     *
     * @param stream the stream already being read, or {@code null} at the start
     */
    private void readLoop(InputStream stream) {
        boolean handedOver = false;
        // not try-with-resources: closing a socket's stream closes the socket, and a refusal still being
        // written must get out first (close() closes the socket, and after a refusal the writer does)
        try {
            InputStream in = stream != null ? stream : new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            byte[] head = new byte[4];
            boolean virtual = stream == null;
            while (!closed.get() && !leaving) {
                if (virtual && originHost != null) {
                    virtual = false;
                    if (readOnOwnThread(in)) {
                        handedOver = true;
                        return;
                    }
                }
                if (!readFully(in, head, 0, 4)) {
                    break; // the gateway closed between messages
                }
                int length = ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
                if (head[0] != 1 || length < 20 || (length & 3) != 0 || length > rules.maxMessageBytes()) {
                    WARN.warn("closing {}: cannot frame a message (version {}, length {}; at most {} accepted)", key,
                            head[0] & 0xFF, length, rules.maxMessageBytes());
                    rules.rejections().count(Rejections.UNFRAMEABLE_STREAM);
                    break;
                }
                byte[] frame = new byte[length];
                System.arraycopy(head, 0, frame, 0, 4);
                if (!readFully(in, frame, 4, length - 4)) {
                    break;
                }
                firstMessage = true;
                handle(frame);
            }
        } catch (javax.net.ssl.SSLException e) {
            if (!closed.get()) {
                WARN.warn("closing {}: TLS refused: {}", key, e.getMessage());
                rules.rejections().count(Rejections.TLS_REFUSED);
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.debug("connection {} failed: {}", key, e.toString());
            }
        } finally {
            if (!leaving && !handedOver) {
                close();
            }
        }
    }

    /** Goes on reading {@code in} on a platform thread; false when none can be started (the caller reads on). */
    private boolean readOnOwnThread(InputStream in) {
        try {
            Thread.ofPlatform().daemon().name(READER + key).start(() -> readLoop(in));
            return true;
        } catch (OutOfMemoryError | IllegalStateException e) { // no native thread to be had
            WARN.warn("{} stays on a virtual thread: {}", key, e.toString());
            return false;
        }
    }

    private void handle(byte[] frame) {
        FrameCheck.Violation v = FrameCheck.check(frame);
        IMessage message = null;
        if (v == null && (frame[4] & 0x80) == 0 && rules.requests().onAnswer(frame)) {
            return; // the answer to a RAR or ASR of ours
        }
        if (v == null && tooBusy(frame)) {
            return;
        }
        if (v == null) {
            try {
                message = parser.createMessage(ByteBuffer.wrap(frame));
            } catch (AvpDataException | RuntimeException e) {
                v = new FrameCheck.Violation(FrameCheck.INVALID_AVP_VALUE, -1, "unreadable message: " + e.getMessage());
            }
        }
        if (v != null) {
            refuse(frame, v);
            return;
        }
        if (message == null) {
            return; // refused before parsing
        }
        if (message.getCommandCode() == CAPABILITIES_EXCHANGE && message.isRequest() && originHost == null
                && !letIn(frame, message)) {
            return;
        }
        deliver(message);
    }

    /**
     * Under overload a CCR is answered 3004 here, before jdiameter parses it or its peer's state
     * machine queues it: the refusal costs a few microseconds, so the excess is told at once even when
     * the charging threads have every CPU busy. {@link Admission#full} is a read; the admission proper
     * is the listener's.
     */
    private boolean tooBusy(byte[] frame) {
        Admission.Gate g = gate;
        if (g == null || (frame[4] & 0x80) == 0 || (FrameCheck.readInt(frame, 4) & 0xFFFFFF) != CREDIT_CONTROL
                || !rules.admission().full(g)) {
            return false;
        }
        rules.rejections().count(Rejections.OVERLOADED);
        send(ErrorAnswer.tooBusy(frame, rules.originHost(), rules.originRealm()));
        return true;
    }

    /**
     * The door for a CER: an Origin-Host not in the peer list gets CEA 3010 DIAMETER_UNKNOWN_PEER (RFC
     * 6733 5.3), one already connected gets CEA 5012 on this connection (the other stays as it is);
     * both are closed. jdiameter never sees them.
     */
    private boolean letIn(byte[] frame, IMessage cer) {
        String host;
        try {
            org.jdiameter.api.Avp avp = cer.getAvps().getAvp(ORIGIN_HOST);
            if (avp == null) {
                return true; // jdiameter answers the missing AVP
            }
            host = avp.getDiameterIdentity();
        } catch (AvpDataException e) {
            return true;
        }
        long refusal;
        String why;
        String unknown = !rules.allows(host) ? "not a configured peer"
                : !rules.allowsFrom(host, remoteAddress) ? "not from an address configured for it"
                : TlsPeer.mismatch(socket, host);
        if (unknown != null) {
            refusal = UNKNOWN_PEER;
            why = unknown;
            rules.rejections().count(Rejections.UNKNOWN_PEER);
        } else if (!door.claim(host, this)) {
            refusal = UNABLE_TO_COMPLY;
            why = "already connected";
            rules.rejections().count(Rejections.DUPLICATE_PEER);
        } else {
            door.awaitPreviousClosed(host);
            originHost = host;
            gate = rules.admission().gate(host); // the listener keys its gates by the peer's FQDN: this host
            rules.requests().connected(host, this);
            outbound.writeOnOwnThread();
            return true;
        }
        PEERS.warn("refused the CER of {} from {}: {} (CEA {})", host, key, why, refusal);
        leaving = true;
        send(ErrorAnswer.capabilitiesRefusal(frame, refusal, host + ": " + why, rules.originHost(),
                rules.originRealm(), socket.getLocalAddress()));
        outbound.closeWhenSent();
        return false;
    }

    /** Answers a broken request with its error; a broken answer is dropped (there is nobody to tell). */
    private void refuse(byte[] frame, FrameCheck.Violation v) {
        boolean request = (frame[4] & 0x80) != 0;
        int command = ((frame[5] & 0xFF) << 16) | ((frame[6] & 0xFF) << 8) | (frame[7] & 0xFF);
        rules.rejections().count(Rejections.MALFORMED_MESSAGE);
        WARN.warn("{} from {}: command {} {}: {} ({})", request ? "refused a request" : "dropped an answer", key,
                command, request ? "answered " + v.resultCode() : "", v.message(), "structure checked before parsing");
        if (request) {
            send(ErrorAnswer.encode(frame, v, rules.originHost(), rules.originRealm()));
        }
    }

    private void deliver(IMessage message) {
        synchronized (listenerLock) {
            if (listeners.isEmpty()) {
                if (early.size() < EARLY_EVENTS) {
                    early.add(message);
                } else {
                    WARN.warn("dropped a message from {}: nobody listens yet and {} are waiting", key, EARLY_EVENTS);
                }
                return;
            }
            for (IConnectionListener l : listeners) {
                l.messageReceived(key, message);
            }
        }
    }

    private static boolean readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = in.read(b, off + done, len - done);
            if (n < 0) {
                return false;
            }
            done += n;
        }
        return true;
    }

    /** Queues a request of ours (RAR, ASR); false when the connection is closed or not reading. */
    boolean sendRequest(byte[] frame) {
        return send(frame);
    }

    /** Queues a message for the writer; a gateway that leaves its answers unread that long is closed. */
    private boolean send(byte[] message) {
        if (outbound.offer(message)) {
            return true;
        }
        if (!closed.get() && !leaving) {
            rules.rejections().count(Rejections.SLOW_READER);
            WARN.warn("closing {}: it does not read its answers ({} bytes wait to be sent)", key, outbound.queuedBytes());
            close();
        }
        return false;
    }

    private void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outbound.close();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", key, e.toString());
        }
        try {
            String host = originHost;
            if (host != null) {
                door.release(host, this, told);
                rules.requests().disconnected(host, this);
            }
            door.left(remoteAddress);
        } finally {
            // told on a thread of its own: close() may run on the thread sending an answer it could not queue (the
            // peer's state-machine thread, or the one completing a charge), and the state machine takes the news
            // through its own queue, which may be full
            Thread.ofVirtual().name("diameter-closed " + key).start(() -> {
                try {
                    synchronized (listenerLock) {
                        for (IConnectionListener l : listeners) {
                            l.connectionClosed(key, null);
                        }
                    }
                } finally {
                    told.complete(System.nanoTime());
                }
            });
        }
    }

    @Override
    public void sendMessage(IMessage message) throws TransportException {
        if (closed.get()) {
            throw new TransportException("connection " + key + " is closed", TransportError.FailedSendMessage);
        }
        byte[] bytes;
        try {
            bytes = MessageEncoder.encode(message);
        } catch (Exception e) {
            throw new TransportException("cannot encode for " + key + ": " + e.getMessage(), TransportError.FailedSendMessage, e);
        }
        if (!send(bytes)) {
            throw new TransportException("connection " + key + " is closed", TransportError.FailedSendMessage);
        }
    }

    @Override
    public void addConnectionListener(IConnectionListener listener) {
        synchronized (listenerLock) {
            listeners.add(listener);
            IMessage m;
            while ((m = early.poll()) != null) {
                listener.messageReceived(key, m);
            }
            if (closed.get()) {
                listener.connectionClosed(key, null);
            }
        }
    }

    @Override
    public void remAllConnectionListener() {
        listeners.clear();
    }

    @Override
    public void remConnectionListener(IConnectionListener listener) {
        listeners.remove(listener);
    }

    /** An accepted connection is connected already. */
    @Override
    public void connect() {
        LOG.debug("connect() on the accepted connection {}: nothing to do", key);
    }

    @Override
    public void disconnect() {
        close();
    }

    @Override
    public void release() {
        close();
        listeners.clear();
        synchronized (listenerLock) {
            early.clear();
        }
    }

    @Override
    public long getCreatedTime() {
        return createdTime;
    }

    @Override
    public String getKey() {
        return key;
    }

    @Override
    public boolean isNetworkInitiated() {
        return false;
    }

    /** Completed (with the time, nanoTime) once jdiameter has been told this connection closed. */
    java.util.concurrent.CompletableFuture<Long> told() {
        return told;
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public boolean isConnected() {
        return !closed.get() && socket.isConnected() && !socket.isClosed();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return remoteAddress;
    }

    @Override
    public int getRemotePort() {
        return remotePort;
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return null;
    }
}

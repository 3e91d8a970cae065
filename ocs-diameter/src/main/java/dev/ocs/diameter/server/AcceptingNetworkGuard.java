package dev.ocs.diameter.server;

import dev.ocs.diameter.transport.FrameRules;
import dev.ocs.diameter.transport.Door;
import dev.ocs.diameter.transport.GatewayConnection;
import dev.ocs.diameter.transport.RateLimitedLog;
import dev.ocs.core.management.Rejections;

import org.jdiameter.client.api.parser.IMessageParser;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.server.api.IMetaData;
import org.jdiameter.server.api.io.INetworkConnectionListener;
import org.jdiameter.server.api.io.INetworkGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Accepts gateway connections for jdiameter, each as a {@link GatewayConnection} (our own framing and
 * structure checks in front of jdiameter's parser). Replaces the stock NIO guard, which
 * starts its accept loop before setting its run flag (so some starts never accept) and swallows bind
 * errors: this one binds in the constructor (a taken port fails the start, loudly), and accepts on a
 * thread of its own from the moment the stack registers its listener. Loaded by jdiameter by class
 * name (Extensions/NetworkGuard), hence the constructor signature.
 */
public final class AcceptingNetworkGuard implements INetworkGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptingNetworkGuard.class);
    private static final RateLimitedLog FULL = new RateLimitedLog(LOG, 10);
    /** Ports some guard in this JVM listens on: jdiameter swallows a guard's bind failure, the server checks here. */
    private static final java.util.Set<Integer> LISTENING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final int port;

    private final IMessageParser parser;
    private final Door door;
    private final List<ServerSocketChannel> channels = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final List<INetworkConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public AcceptingNetworkGuard(InetAddress[] addresses, int port, IConcurrentFactory concurrentFactory,
                                 IMessageParser parser, IMetaData metaData) throws IOException {
        this.parser = parser;
        this.port = port;
        this.door = new Door(FrameRules.forPort(port));
        try {
            for (InetAddress address : addresses) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(new InetSocketAddress(address, port), 128);
                channels.add(ch);
                LOG.info("Diameter listening on {}", ch.getLocalAddress());
            }
        } catch (IOException e) {
            destroy();
            throw new IOException("cannot listen for Diameter on port " + port + ": " + e.getMessage(), e);
        }
        LISTENING.add(port);
    }

    /** Whether a guard in this JVM is listening on {@code port}. */
    public static boolean listening(int port) {
        return LISTENING.contains(port);
    }

    @Override
    public synchronized void addListener(INetworkConnectionListener listener) {
        if (!listeners.contains(listener)) {
            listeners.add(listener);
        }
        if (acceptors.isEmpty()) {
            for (ServerSocketChannel ch : channels) {
                Thread t = new Thread(() -> acceptLoop(ch), "diameter-accept");
                t.setDaemon(true);
                acceptors.add(t);
                t.start();
            }
        }
    }

    @Override
    public void remListener(INetworkConnectionListener listener) {
        listeners.remove(listener);
    }

    private void acceptLoop(ServerSocketChannel ch) {
        while (running) {
            SocketChannel accepted;
            try {
                accepted = ch.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    LOG.warn("accepting a Diameter connection failed: {}", e.toString());
                }
                continue;
            }
            Socket socket = accepted.socket();
            java.net.InetAddress from = socket.getInetAddress();
            if (!door.enter(from)) {
                door.rules().rejections().count(Rejections.CONNECTION_LIMIT);
                FULL.warn("refused a Diameter connection from {}: {} open (at most {}, {} per address)", from.getHostAddress(),
                        door.open(), door.rules().maxConnections(), door.rules().maxConnectionsPerAddress());
                closeQuietly(socket);
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                GatewayConnection connection = new GatewayConnection(door.rules().tlsContext() == null ? socket
                        : GatewayConnection.overTls(socket, door.rules()), parser, door);
                LOG.debug("accepted Diameter connection from {}", socket.getRemoteSocketAddress());
                for (INetworkConnectionListener l : listeners) {
                    l.newNetworkConnection(connection);
                }
                connection.start();
            } catch (Exception e) {
                LOG.warn("cannot set up the Diameter connection from {}: {}", socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
                door.left(from);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // a reset: nothing of ours lingers in TIME_WAIT for a refused connection
            socket.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    @Override
    public synchronized void destroy() {
        if (running && !channels.isEmpty()) {
            LISTENING.remove(port);
        }
        running = false;
        for (ServerSocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", ch, e.toString());
            }
        }
        for (Thread t : acceptors) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
        acceptors.clear();
    }
}

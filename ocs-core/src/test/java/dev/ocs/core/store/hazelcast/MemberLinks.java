package dev.ocs.core.store.hazelcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A network between test members on loopback that can be cut. Each member announces a proxy's port
 * instead of its own, so every connection to it passes a proxy; each member connects out from a port
 * range of its own, so the proxy knows who is calling. Cutting two members apart refuses their new
 * connections and closes the open ones, in both directions, as a firewall dropping their traffic would.
 */
public final class MemberLinks implements AutoCloseable {

    public static final int OUTBOUND_PORTS = 40;

    /** One member's addresses: where it binds, the proxy it announces, the ports it connects from. */
    public record Member(int index, int port, int proxyPort, int firstOutbound) {
        public String publicAddress() {
            return "127.0.0.1:" + proxyPort;
        }

        public String outboundPorts() {
            return firstOutbound + "-" + (firstOutbound + OUTBOUND_PORTS - 1);
        }

        boolean connectsFrom(int sourcePort) {
            return sourcePort >= firstOutbound && sourcePort < firstOutbound + OUTBOUND_PORTS;
        }
    }

    private record Link(int from, int to, Socket a, Socket b) {
    }

    private final List<Member> members = new ArrayList<>();
    private final List<ServerSocket> proxies = new ArrayList<>();
    private final Set<String> cut = ConcurrentHashMap.newKeySet();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code count} members on ports from {@code firstPort}: member ports, then proxy ports, then outbound ranges. */
    public MemberLinks(int count, int firstPort) throws IOException {
        for (int i = 0; i < count; i++) {
            Member m = new Member(i, firstPort + i, firstPort + count + i, firstPort + 2 * count + i * OUTBOUND_PORTS);
            members.add(m);
            ServerSocket proxy = new ServerSocket();
            proxy.setReuseAddress(true);
            proxy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), m.proxyPort()));
            proxies.add(proxy);
            Thread.ofVirtual().name("member-link-" + i).start(() -> accept(m, proxy));
        }
    }

    public List<Member> members() {
        return members;
    }

    /** The addresses a member joins: every member's proxy. */
    public List<String> joinList() {
        return members.stream().map(Member::publicAddress).toList();
    }

    /** Cuts {@code isolated} off from every other member. */
    public void isolate(int isolated) {
        for (Member m : members) {
            if (m.index() != isolated) {
                cut.add(key(isolated, m.index()));
            }
        }
        for (Link l : links) {
            if (cut.contains(key(l.from(), l.to()))) {
                drop(l);
            }
        }
    }

    /** Lets every member reach every other again. */
    public void heal() {
        cut.clear();
    }

    private static String key(int a, int b) {
        return Math.min(a, b) + "-" + Math.max(a, b);
    }

    private void accept(Member target, ServerSocket proxy) {
        while (!closed) {
            Socket in;
            try {
                in = proxy.accept();
            } catch (IOException e) {
                return;
            }
            int from = -1;
            for (Member m : members) {
                if (m.connectsFrom(in.getPort())) {
                    from = m.index();
                }
            }
            if (from >= 0 && cut.contains(key(from, target.index()))) {
                quietly(in);
                continue;
            }
            Socket out = new Socket();
            try {
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port()), 2_000);
            } catch (IOException e) {
                quietly(in);
                quietly(out);
                continue;
            }
            Link link = new Link(from, target.index(), in, out);
            links.add(link);
            Thread.ofVirtual().start(() -> pump(link, in, out));
            Thread.ofVirtual().start(() -> pump(link, out, in));
        }
    }

    private void pump(Link link, Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the link was cut or a side closed
        } finally {
            drop(link);
        }
    }

    private void drop(Link l) {
        links.remove(l);
        quietly(l.a());
        quietly(l.b());
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket p : proxies) {
            try {
                p.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Link l : links) {
            drop(l);
        }
    }
}

package dev.ocs.diameter.wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ocs.diameter.wire.DiameterMessage.*;

/**
 * A packet gateway reduced to a socket: CER, then requests and answers one at a time, answering
 * the server's watchdog requests on the way. Written from RFC 6733 / RFC 4006 alone.
 */
public final class RawGateway implements AutoCloseable {

    public static final String ORIGIN_HOST = "pgw.test.localdomain";
    public static final String ORIGIN_REALM = "test.localdomain";

    private final String originHost;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicInteger ids = new AtomicInteger(0x1000);

    public RawGateway(int port) throws IOException {
        this(port, ORIGIN_HOST);
    }

    /** A gateway with its own Origin-Host (two connections of one host would be one peer to the server). */
    public RawGateway(int port, String originHost) throws IOException {
        this(port, originHost, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes (0: the system's) - small for a gateway that reads slowly */
    public RawGateway(int port, String originHost, int receiveBuffer) throws IOException {
        this(port, originHost, receiveBuffer, null);
    }

    /** A gateway speaking TLS from the first byte (RFC 6733 13), with the keys of {@code tls}; the handshake is done here. */
    public RawGateway(int port, String originHost, javax.net.ssl.SSLContext tls) throws IOException {
        this(port, originHost, 0, tls);
    }

    private RawGateway(int port, String originHost, int receiveBuffer, javax.net.ssl.SSLContext tls) throws IOException {
        this.originHost = originHost;
        Socket plain = new Socket();
        if (receiveBuffer > 0) {
            plain.setReceiveBufferSize(receiveBuffer);
        }
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        plain.setSoTimeout(10_000);
        plain.setTcpNoDelay(true);
        if (tls != null) {
            javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
            s.setUseClientMode(true);
            s.startHandshake();
            socket = s;
        } else {
            socket = plain;
        }
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Capabilities exchange; answers the CEA. */
    public DiameterMessage capabilities() throws IOException {
        DiameterMessage cer = request(257, 0, 0).add(
                utf8(264, originHost), utf8(296, ORIGIN_REALM),
                new Avp(257, 0x40, 0, new byte[]{0, 1, 127, 0, 0, 1}), // Host-IP-Address: IPv4 127.0.0.1
                u32(266, 0), utf8(269, "raw-gateway"),
                u32(258, 4),
                grouped(260, u32(266, 10415), u32(258, 4)));
        return exchange(cer);
    }

    public DiameterMessage watchdog() throws IOException {
        return exchange(request(280, 0, 0).add(utf8(264, originHost), utf8(296, ORIGIN_REALM)));
    }

    /** Sends a request with fresh identifiers and waits for its answer. */
    public DiameterMessage exchange(DiameterMessage request) throws IOException {
        request.hopByHop = ids.incrementAndGet();
        request.endToEnd = request.hopByHop;
        return send(request);
    }

    /** Sends the request as it is (a retransmission keeps its identifiers) and waits for its answer. */
    public DiameterMessage send(DiameterMessage request) throws IOException {
        out.write(request.encode());
        out.flush();
        while (true) {
            DiameterMessage m = DiameterMessage.read(in);
            if ((m.flags & FLAG_R) != 0) {
                answerServerRequest(m);
                continue;
            }
            if (m.hopByHop == request.hopByHop) {
                return m;
            }
        }
    }

    private void answerServerRequest(DiameterMessage r) throws IOException {
        DiameterMessage a = new DiameterMessage();
        a.flags = r.flags & FLAG_P;
        a.command = r.command;
        a.applicationId = r.applicationId;
        a.hopByHop = r.hopByHop;
        a.endToEnd = r.endToEnd;
        if (r.avp(263) != null) {
            a.add(r.avp(263)); // Session-Id first, as RAA and ASA carry it (RFC 4006 8.4, 8.6)
        }
        a.add(u32(268, 2001), utf8(264, originHost), utf8(296, ORIGIN_REALM));
        out.write(a.encode());
        out.flush();
    }

    /** Writes bytes as they are (hostile input, several messages in one write). */
    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Whether the server closed the connection (end of stream) within the read timeout. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /** The next message the server sends, whatever it is (a DPR at shutdown, say). */
    public DiameterMessage next() throws IOException {
        return DiameterMessage.read(in);
    }

    /** Bytes received and not read yet. */
    public int available() throws IOException {
        return in.available();
    }

    /** Answers a request the server sent (DPA to a DPR, DWA to a DWR). */
    public void answer(DiameterMessage request) throws IOException {
        answerServerRequest(request);
    }

    /** This end's port: the server names the connection {@code aaa://127.0.0.1:<port>}. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Dies as a killed process's socket does when data is unread: a TCP reset, no DPR. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

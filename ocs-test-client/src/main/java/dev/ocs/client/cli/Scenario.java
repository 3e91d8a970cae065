package dev.ocs.client.cli;

import dev.ocs.client.gy.Answer;
import dev.ocs.client.gy.AnswerReader;
import dev.ocs.client.gy.CcRequest;
import dev.ocs.client.gy.GyWriter;
import dev.ocs.client.gy.Trace;
import dev.ocs.client.net.GyPeer;
import dev.ocs.client.sim.SessionShape;
import dev.ocs.client.sim.SimSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber's life against a running server, printed the way an engineer reads a trace:
 * CCR-I, CCR-Us each using the whole grant, until the credit is gone (a final grant, then no
 * quota), then CCR-T. Answers the results of the requests in order.
 */
public final class Scenario {

    private final String host;
    private final int port;
    private final String originHost;
    private final String realm;
    private final Duration timeout;
    private final int maxRequests;

    public Scenario(String host, int port, String originHost, String realm, Duration timeout, int maxRequests) {
        this.host = host;
        this.port = port;
        this.originHost = originHost;
        this.realm = realm;
        this.timeout = timeout;
        this.maxRequests = maxRequests;
    }

    public List<Long> run(String msisdn, long ratingGroup, PrintStream out) throws IOException, InterruptedException {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        GyWriter writer = new GyWriter(originHost, realm, realm);
        List<Long> results = new ArrayList<>();
        var answers = new java.util.concurrent.ConcurrentHashMap<Integer, CompletableFuture<ByteBuf>>();
        GyPeer.Listener listener = (peer, answer, at) -> {
            CompletableFuture<ByteBuf> f = answers.remove(AnswerReader.hopByHop(answer));
            if (f != null) {
                f.complete(Unpooled.copiedBuffer(answer));
            }
        };
        try (GyPeer peer = GyPeer.connect(group, new InetSocketAddress(host, port), writer, listener, timeout)) {
            out.println("connected to " + host + ":" + port + " as " + originHost + " (capabilities exchanged)");
            SimSession s = new SimSession(originHost + ";scenario;" + System.currentTimeMillis(), msisdn,
                    new SessionShape(Integer.MAX_VALUE, 0, List.of(ratingGroup)));
            long reported = 0;
            while (s.state() != SimSession.State.DONE && results.size() < maxRequests) {
                if (results.size() == maxRequests - 1) {
                    s.requestTermination();
                }
                CcRequest r = s.next();
                int hbh = peer.nextHopByHop();
                CompletableFuture<ByteBuf> f = new CompletableFuture<>();
                answers.put(hbh, f);
                ByteBuf wire = Unpooled.buffer(320);
                writer.ccr(wire, r, hbh, hbh);
                out.println(">>> " + r.type() + " #" + r.number() + "\n" + Trace.of(wire));
                peer.write(r, hbh);
                peer.flush();
                ByteBuf answer;
                try {
                    answer = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    out.println("<<< no answer within " + timeout);
                    s.onTimeout();
                    results.add(-1L);
                    break;
                }
                Answer a = AnswerReader.read(answer);
                out.println("<<< " + describe(a) + "\n" + Trace.of(answer));
                answer.release();
                results.add(a.resultCode());
                s.onAnswer(a);
                reported = s.confirmedOctets();
            }
            out.println("session over after " + results.size() + " requests; " + reported + " octets reported and confirmed");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        return results;
    }

    private static String describe(Answer a) {
        StringBuilder s = new StringBuilder("Result-Code ").append(a.resultCode());
        for (Answer.Grant g : a.grants()) {
            s.append("; RG ").append(g.ratingGroup()).append(": granted ").append(g.grantedOctets()).append(" octets");
            if (g.resultCode() >= 0) {
                s.append(", MSCC result ").append(g.resultCode());
            }
            if (g.finalUnit()) {
                s.append(", FINAL UNITS");
            }
        }
        return s.toString();
    }
}

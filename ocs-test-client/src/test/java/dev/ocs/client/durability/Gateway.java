package dev.ocs.client.durability;

import dev.ocs.client.gy.Answer;
import dev.ocs.client.gy.AnswerReader;
import dev.ocs.client.gy.CcRequest;
import dev.ocs.client.gy.GyWriter;
import dev.ocs.client.net.GyPeer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A gateway for tests: one connection, one request at a time, each answer awaited. */
final class Gateway implements AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final ConcurrentHashMap<Integer, CompletableFuture<ByteBuf>> answers = new ConcurrentHashMap<>();
    private final GyPeer peer;

    Gateway(int port, String originHost) throws IOException {
        GyPeer.Listener listener = (p, answer, at) -> {
            CompletableFuture<ByteBuf> f = answers.remove(AnswerReader.hopByHop(answer));
            if (f != null) {
                f.complete(Unpooled.copiedBuffer(answer));
            }
        };
        this.peer = GyPeer.connect(group, new InetSocketAddress("127.0.0.1", port),
                new GyWriter(originHost, "localdomain", "localdomain"), listener, Duration.ofSeconds(10));
    }

    Answer send(CcRequest r) throws Exception {
        int hbh = peer.nextHopByHop();
        CompletableFuture<ByteBuf> f = new CompletableFuture<>();
        answers.put(hbh, f);
        peer.write(r, hbh);
        peer.flush();
        ByteBuf b = f.get(15, TimeUnit.SECONDS);
        try {
            return AnswerReader.read(b);
        } finally {
            b.release();
        }
    }

    static CcRequest initial(String session, String msisdn, long ratingGroup) {
        return new CcRequest(session, CcRequest.Type.INITIAL, 0, msisdn, List.of(new CcRequest.Mscc(ratingGroup, true, -1)));
    }

    static CcRequest update(String session, long number, String msisdn, long ratingGroup, long used) {
        return new CcRequest(session, CcRequest.Type.UPDATE, number, msisdn, List.of(new CcRequest.Mscc(ratingGroup, true, used)));
    }

    static CcRequest terminate(String session, long number, String msisdn, long ratingGroup, long used) {
        return new CcRequest(session, CcRequest.Type.TERMINATION, number, msisdn,
                List.of(new CcRequest.Mscc(ratingGroup, false, used)));
    }

    @Override
    public void close() {
        try {
            peer.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}

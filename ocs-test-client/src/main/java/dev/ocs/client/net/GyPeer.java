package dev.ocs.client.net;

import dev.ocs.client.gy.AnswerReader;
import dev.ocs.client.gy.CcRequest;
import dev.ocs.client.gy.GyWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Diameter connection of a simulated gateway: connects, exchanges capabilities, answers the
 * server's watchdogs and disconnect requests, sends Credit-Control-Requests and hands every
 * Credit-Control-Answer to its listener on the connection's event-loop thread. Requests written
 * from that thread are flushed once per read burst; other threads call {@link #flush()}.
 */
public final class GyPeer implements AutoCloseable {

    /** Receives CCAs. Called on the event loop: must not block. */
    public interface Listener {
        void onAnswer(GyPeer peer, ByteBuf answer, long receivedNanos);

        default void onClosed(GyPeer peer) {
        }
    }

    private static final int MAX_MESSAGE = 1 << 20;

    private final GyWriter writer;
    private final Listener listener;
    private final AtomicInteger hopByHop = new AtomicInteger((int) System.nanoTime());
    private final AtomicInteger endToEnd = new AtomicInteger((int) (System.currentTimeMillis() << 20));
    private final CompletableFuture<Long> capabilities = new CompletableFuture<>();
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();
    private volatile Channel channel;

    private GyPeer(GyWriter writer, Listener listener) {
        this.writer = writer;
        this.listener = listener;
    }

    /** Connects and completes the capabilities exchange, or fails with the reason. */
    public static GyPeer connect(EventLoopGroup group, InetSocketAddress server, GyWriter writer, Listener listener,
                                 Duration timeout) throws IOException {
        GyPeer peer = new GyPeer(writer, listener);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_MESSAGE, 1, 3, -4, 0), peer.new Handler());
                    }
                });
        try {
            ChannelFuture connected = b.connect(server).syncUninterruptibly();
            peer.channel = connected.channel();
        } catch (RuntimeException e) {
            throw new IOException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
        ByteBuf cer = peer.channel.alloc().buffer(256);
        writer.cer(cer, peer.hopByHop.incrementAndGet(), peer.endToEnd.incrementAndGet(), new byte[]{127, 0, 0, 1});
        peer.channel.writeAndFlush(cer);
        try {
            long result = peer.capabilities.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result != 2001) {
                peer.channel.close();
                throw new IOException("capabilities exchange with " + server + " refused: Result-Code " + result);
            }
        } catch (TimeoutException | ExecutionException e) {
            peer.channel.close();
            throw new IOException("no capabilities answer from " + server + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            peer.channel.close();
            throw new IOException("interrupted", e);
        }
        return peer;
    }

    public String originHost() {
        return writer.originHost();
    }

    public int nextHopByHop() {
        return hopByHop.incrementAndGet();
    }

    /** Writes a CCR (flushed by {@link #flush()}, or after the current read burst on the event loop). */
    public void write(CcRequest request, int hopByHopId) {
        Channel ch = channel;
        ByteBuf b = ch.alloc().buffer(320);
        writer.ccr(b, request, hopByHopId, endToEnd.incrementAndGet());
        ch.write(b, ch.voidPromise());
    }

    public void flush() {
        channel.flush();
    }

    /** Sends Disconnect-Peer-Request, waits up to a second for the answer, then closes. */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch.isActive()) {
            ByteBuf dpr = ch.alloc().buffer(128);
            writer.dpr(dpr, hopByHop.incrementAndGet(), endToEnd.incrementAndGet());
            ch.writeAndFlush(dpr);
            try {
                disconnected.get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // closing anyway
            }
        }
        ch.close().syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf m) {
            int command = AnswerReader.command(m);
            if (AnswerReader.isRequest(m)) {
                ByteBuf answer = ctx.alloc().buffer(128);
                writer.answer(answer, command, AnswerReader.hopByHop(m), AnswerReader.endToEnd(m));
                if (command == GyWriter.DPR) {
                    ctx.writeAndFlush(answer).addListener(f -> ctx.close());
                } else {
                    ctx.writeAndFlush(answer);
                }
                return;
            }
            switch (command) {
                case GyWriter.CCR -> listener.onAnswer(GyPeer.this, m, System.nanoTime());
                case GyWriter.CER -> capabilities.complete(AnswerReader.read(m).resultCode());
                case GyWriter.DPR -> disconnected.complete(null);
                default -> { } // watchdog answers
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            capabilities.completeExceptionally(new IOException("connection closed"));
            disconnected.complete(null);
            listener.onClosed(GyPeer.this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

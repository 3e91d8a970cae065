package dev.ocs.client.load;

import dev.ocs.client.gy.Answer;
import dev.ocs.client.gy.AnswerReader;
import dev.ocs.client.gy.CcRequest;
import dev.ocs.client.gy.GyWriter;
import dev.ocs.client.net.GyPeer;
import dev.ocs.client.sim.SimSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives many simulated gateway sessions against the server, open loop: a pacing thread wakes the
 * event loop whenever requests are due, and the loop sends each through a session that is free; an
 * answer frees its session, which takes the oldest due request at once if one is waiting. Latency counts from the
 * scheduled time. At the end every open session is terminated (CCR-T) so the server should hold
 * nothing for the run, and what it should have charged is in the {@link Expectations}.
 */
public final class LoadRun {

    /** The pacing tick: requests go out at most this late (plus scheduling noise). */
    static final long TICK_NANOS = 250_000L;

    private final LoadOptions o;
    private final Expectations expect;
    private final LoadStats stats = new LoadStats();
    private final List<GyPeer> peers = new ArrayList<>();
    private final long runId = System.currentTimeMillis();
    private final AtomicBoolean signalled = new AtomicBoolean();
    // touched only on the event loop
    private final ArrayDeque<Slot> ready = new ArrayDeque<>();
    private final ArrayDeque<Slot> advanceLater = new ArrayDeque<>();
    private final Map<GyPeer, HashMap<Integer, Pending>> pending = new IdentityHashMap<>();
    private EventLoop loop;
    private volatile Pacer pacer;
    private volatile boolean draining;
    private volatile long warmupEnd;

    /** A session slot: runs its sessions one after another over subscribers index, index + sessions, ... */
    private static final class Slot {
        final int index;
        final GyPeer peer;
        int sessionCount;
        int subscriber;
        SimSession session;

        Slot(int index, GyPeer peer) {
            this.index = index;
            this.peer = peer;
        }
    }

    private record Pending(Slot slot, long scheduled, long sent, boolean measure) {
    }

    private SlowLog slow;

    public LoadRun(LoadOptions options, Expectations expectations) {
        this.o = options;
        this.expect = expectations;
    }

    /** Also keeps the measured answers slower than the log's threshold (see {@link SlowLog}). */
    public LoadRun logging(SlowLog log) {
        this.slow = log;
        return this;
    }

    /** Runs to the end of the schedule, terminates the sessions, and answers the report. */
    public LoadReport run(PrintStream progress) throws IOException, InterruptedException, ExecutionException {
        // one event-loop thread does all the sending, receiving and session work: no locks, and one
        // wake-up per pacing tick instead of one per request
        long cpuAtStart = cpuNanos();
        EventLoopGroup group = new NioEventLoopGroup(1);
        loop = group.next();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-progress");
            t.setDaemon(true);
            return t;
        });
        try {
            InetSocketAddress server = new InetSocketAddress(o.host(), o.port());
            for (int c = 0; c < o.connections(); c++) {
                // one Origin-Host per connection: a Diameter peer is one connection (RFC 6733 2.1)
                GyWriter writer = new GyWriter("c" + c + "." + o.originHost(), o.realm(), o.realm());
                GyPeer peer = GyPeer.connect(group, server, writer, this::onAnswer, o.timeout().plusSeconds(2));
                peers.add(peer);
            }
            long start = System.nanoTime() + 10_000_000L;
            warmupEnd = start + o.warmup().toNanos();
            long end = start + o.duration().toNanos();
            pacer = new Pacer(start, o.rate(), o.maxRequests());
            loop.submit(() -> {
                peers.forEach(p -> pending.put(p, new HashMap<>()));
                for (int s = 0; s < o.sessions(); s++) {
                    Slot slot = new Slot(s, peers.get(s % peers.size()));
                    startSession(slot);
                    ready.add(slot);
                }
            }).get();
            var expiry = loop.scheduleAtFixedRate(() -> expire(System.nanoTime()), 20, 20, TimeUnit.MILLISECONDS);
            Progress line = new Progress(progress, start);
            ticker.scheduleAtFixedRate(line::print, 1, 1, TimeUnit.SECONDS);
            pace(end);
            double measuredSeconds = (Math.min(System.nanoTime(), end) - warmupEnd) / 1e9;
            drain();
            expiry.cancel(false);
            ticker.shutdownNow();
            Histogram h = stats.measured();
            return LoadReport.of(o.rate(), measuredSeconds, stats, h, (cpuNanos() - cpuAtStart) / 1e9);
        } finally {
            ticker.shutdownNow();
            for (GyPeer p : peers) {
                p.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** The pacing thread: wakes the event loop whenever requests are due (at most once per tick). */
    private void pace(long end) {
        while (true) {
            long now = System.nanoTime();
            if (now >= end || pacer.exhausted()) {
                return;
            }
            if (pacer.backlog(now) > 0 && !signalled.getAndSet(true)) {
                loop.execute(this::sendDue);
            }
            // a tick of at least TICK_NANOS: each tick costs a wake-up of this thread and of the loop,
            // and at thousands of requests a second the requests due within a tick go out together;
            // what a request waits for its tick counts in its latency (it is measured from its schedule)
            LockSupport.parkNanos(Math.max(Math.min(pacer.untilNext(now), 2 * TICK_NANOS), TICK_NANOS));
        }
    }

    /** On the loop: sends every due request through a ready slot. */
    private void sendDue() {
        signalled.set(false);
        if (draining) {
            return;
        }
        long now = System.nanoTime();
        boolean wrote = false;
        while (!ready.isEmpty()) {
            long k = pacer.claim(now);
            if (k < 0) {
                break;
            }
            send(ready.poll(), pacer.scheduledAt(k), now);
            wrote = true;
        }
        if (wrote) {
            peers.forEach(GyPeer::flush);
        }
    }

    private void startSession(Slot slot) {
        slot.subscriber = (int) ((slot.index + (long) slot.sessionCount * o.sessions()) % o.subscribers());
        String id = slot.peer.originHost() + ";" + runId + ";" + slot.index + ";" + slot.sessionCount++;
        slot.session = new SimSession(id, expect.msisdn(slot.subscriber), o.shape());
    }

    private void send(Slot slot, long scheduled, long now) {
        CcRequest r = slot.session.next();
        int hbh = slot.peer.nextHopByHop();
        pending.get(slot.peer).put(hbh, new Pending(slot, scheduled, now, scheduled >= warmupEnd && !draining));
        stats.sent.increment();
        if (r.type() == CcRequest.Type.INITIAL) {
            stats.sessionsStarted.increment();
        }
        slot.peer.write(r, hbh);
    }

    /** On the loop (the peer's read): the answer, then the slot's next step; flushed after the read burst. */
    private void onAnswer(GyPeer peer, ByteBuf message, long now) {
        Pending p = pending.get(peer).remove(AnswerReader.hopByHop(message));
        if (p == null) {
            stats.late.increment(); // answered after it timed out
            return;
        }
        Answer a = AnswerReader.read(message);
        stats.answer(a.resultCode(), now - p.scheduled(), p.measure());
        if (slow != null && p.measure()) {
            slow.answer(p.scheduled(), now - p.scheduled());
        }
        p.slot().session.onAnswer(a);
        advance(p.slot(), now);
    }

    /** After an answer or a timeout: the slot's next request now (a due one, or a CCR-T when draining), or back to ready. */
    private void advance(Slot slot, long now) {
        SimSession s = slot.session;
        if (s.state() == SimSession.State.DONE) {
            settle(slot);
            if (draining) {
                return;
            }
            startSession(slot);
        }
        if (draining) {
            s.requestTermination();
            send(slot, now, now);
            return;
        }
        long k = pacer.claim(now);
        if (k >= 0) {
            send(slot, pacer.scheduledAt(k), now);
        } else {
            ready.add(slot);
        }
    }

    private void settle(Slot slot) {
        SimSession s = slot.session;
        boolean open = s.state() != SimSession.State.DONE && s.state() != SimSession.State.IDLE;
        expect.add(slot.subscriber, s.confirmedOctets(), open ? s.reservedOctets() : 0, open, s.uncertain());
        if (s.state() == SimSession.State.DONE) {
            stats.sessionsCompleted.increment();
        }
    }

    /** On the loop: requests unanswered for longer than the timeout are errors; their sessions move on. */
    private void expire(long now) {
        long limit = o.timeout().toNanos();
        boolean any = false;
        for (HashMap<Integer, Pending> map : pending.values()) {
            for (var it = map.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (now - p.sent() > limit) {
                    it.remove();
                    stats.timeout();
                    p.slot().session.onTimeout();
                    advanceLater.add(p.slot());
                    any = true;
                }
            }
        }
        if (any) {
            Slot slot;
            while ((slot = advanceLater.poll()) != null) {
                advance(slot, now);
            }
            peers.forEach(GyPeer::flush);
        }
    }

    /**
     * Terminates every session still open (CCR-T) and waits for the answers or their timeouts.
     */
    private void drain() throws InterruptedException, ExecutionException {
        draining = true;
        // at most DRAIN_IN_FLIGHT terminations outstanding: a millisecond per session is ample
        long deadline = System.nanoTime() + o.timeout().toNanos() + 2_000_000_000L + o.sessions() * 1_000_000L;
        while (!loop.submit(this::drainStep).get() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    /**
     * On the loop: terminates ready slots' sessions, at most {@link #DRAIN_IN_FLIGHT} outstanding (ending
     * thousands of sessions in one burst meets the server's admission limit: refused 3004, they would stay
     * open); answers whether every session is ended and nothing is in flight.
     */
    private boolean drainStep() {
        int inFlight = pending.values().stream().mapToInt(Map::size).sum();
        Slot slot;
        boolean wrote = false;
        while (inFlight < DRAIN_IN_FLIGHT && (slot = ready.poll()) != null) {
            SimSession s = slot.session;
            if (s.state() == SimSession.State.ACTIVE) {
                s.requestTermination();
                send(slot, System.nanoTime(), System.nanoTime());
                inFlight++;
                wrote = true;
            } else {
                settle(slot); // IDLE: never started
            }
        }
        if (wrote) {
            peers.forEach(GyPeer::flush);
        }
        return ready.isEmpty() && inFlight == 0;
    }

    /** Terminations outstanding at once while draining: well under any sane admission limit (4,000 by default). */
    static final int DRAIN_IN_FLIGHT = 128;

    /** The once-a-second progress line. */
    private final class Progress {
        private final PrintStream out;
        private final long start;
        private long lastSent;
        private long lastAnswered;

        Progress(PrintStream out, long start) {
            this.out = out;
            this.start = start;
        }

        void print() {
            long sent = stats.sent();
            long answered = stats.answered();
            Histogram h = stats.lastInterval();
            out.printf(java.util.Locale.ROOT,
                    "%4ds  req/s %6d  ans/s %6d  in-flight %5d  backlog %5d  p50 %s ms  p99 %s ms  errors %d  timeouts %d  codes %s%n",
                    Math.round((System.nanoTime() - start) / 1e9), sent - lastSent, answered - lastAnswered,
                    stats.inFlight(), pacer.backlog(System.nanoTime()), LoadReport.ms(h.getValueAtPercentile(50)),
                    LoadReport.ms(h.getValueAtPercentile(99)), stats.errors(), stats.timeouts(), stats.resultCodes());
            lastSent = sent;
            lastAnswered = answered;
        }
    }
}

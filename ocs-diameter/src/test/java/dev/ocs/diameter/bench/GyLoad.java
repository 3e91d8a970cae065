package dev.ocs.diameter.bench;

import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ocs.diameter.wire.DiameterMessage.*;

/**
 * A quick Gy throughput probe (the real load client is ocs-test-client's): each connection keeps
 * {@code window} sessions going (I, U, U, T), the next request of a session sent as soon as the
 * previous one is answered. Prints answers/s and latency percentiles. Loopback only; bounded by
 * {@code seconds}. Not a test.
 *
 * <p>Arguments: {@code port connections window seconds firstMsisdn subscribers}.
 */
public final class GyLoad {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = Integer.parseInt(args[1]);
        int window = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        long firstMsisdn = Long.parseLong(args[4]);
        int subscribers = Integer.parseInt(args[5]);
        AtomicLong answers = new AtomicLong();
        Map<Long, AtomicLong> codes = new ConcurrentHashMap<>();
        long[][] latencies = new long[connections][];
        Thread[] threads = new Thread[connections];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int c = 0; c < connections; c++) {
            int id = c;
            threads[c] = new Thread(() -> {
                try {
                    latencies[id] = run(port, id, window, end, firstMsisdn, subscribers, answers, codes);
                } catch (IOException e) {
                    System.err.println("connection " + id + ": " + e);
                    latencies[id] = new long[0];
                }
            });
            threads[c].start();
        }
        long start = System.nanoTime();
        long last = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(1_000);
            long now = answers.get();
            System.out.printf("%,8d answers/s%n", now - last);
            last = now;
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("total %,d answers in %.1f s = %,.0f answers/s; result codes %s%n", answers.get(), secs,
                answers.get() / secs, codes);
        if (all.length > 0) {
            System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", pct(all, 50), pct(all, 90),
                    pct(all, 99), pct(all, 99.9), all[all.length - 1] / 1e6);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    private record Step(String session, int number, String msisdn, long sentAt) {
    }

    private static long[] run(int port, int id, int window, long end, long firstMsisdn, int subscribers,
                              AtomicLong answers, Map<Long, AtomicLong> codes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            String host = "load" + id + ".test.localdomain";
            DiameterMessage cer = request(257, 0, 0).add(utf8(264, host), utf8(296, "test.localdomain"),
                    new Avp(257, 0x40, 0, new byte[]{0, 1, 127, 0, 0, 1}), u32(266, 0), utf8(269, "gy-load"), u32(258, 4));
            cer.hopByHop = 1;
            out.write(cer.encode());
            out.flush();
            DiameterMessage.read(in);
            Map<Integer, Step> pending = new HashMap<>();
            long[] lat = new long[1 << 16];
            int n = 0;
            int hop = 10;
            long sessions = 0;
            java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
            for (int w = 0; w < window; w++) {
                String msisdn = String.valueOf(firstMsisdn + rnd.nextInt(subscribers));
                Step s = new Step(host + ";" + (++sessions), 0, msisdn, System.nanoTime());
                send(out, s, ++hop);
                pending.put(hop, s);
            }
            out.flush();
            while (!pending.isEmpty()) {
                DiameterMessage m = DiameterMessage.read(in);
                if ((m.flags & FLAG_R) != 0) {
                    continue; // a DWR would need an answer; runs are short
                }
                Step done = pending.remove(m.hopByHop);
                if (done == null) {
                    continue;
                }
                long now = System.nanoTime();
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = now - done.sentAt();
                answers.incrementAndGet();
                codes.computeIfAbsent(m.avp(268).u32(), k -> new AtomicLong()).incrementAndGet();
                Step next;
                if (done.number() < 3) {
                    next = new Step(done.session(), done.number() + 1, done.msisdn(), now);
                } else if (now < end) {
                    String msisdn = String.valueOf(firstMsisdn + rnd.nextInt(subscribers));
                    next = new Step(host + ";" + (++sessions), 0, msisdn, now);
                } else {
                    next = null;
                }
                if (next != null) {
                    send(out, next, ++hop);
                    pending.put(hop, next);
                    if (in.available() == 0) {
                        out.flush();
                    }
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
            return Arrays.copyOf(lat, n);
        }
    }

    private static void send(OutputStream out, Step s, int hop) throws IOException {
        DiameterMessage m = switch (s.number()) {
            case 0 -> Ccr.of(s.session(), Ccr.INITIAL, 0, s.msisdn(), Ccr.mscc(1, true, -1));
            case 3 -> Ccr.of(s.session(), Ccr.TERMINATION, 3, null, Ccr.mscc(1, false, 300_000));
            default -> Ccr.of(s.session(), Ccr.UPDATE, s.number(), null, Ccr.mscc(1, true, 500_000));
        };
        m.hopByHop = hop;
        m.endToEnd = hop;
        out.write(m.encode());
    }
}

package dev.ocs.diameter.bench;

import dev.ocs.diameter.transport.FrameFuzzer;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;

import java.util.List;

/** bench/fuzz-bench.sh's client: FuzzIT's generator against a server process, then a fresh gateway. */
public final class Fuzz {

    private Fuzz() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int frames = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        List<String> msisdns = List.of("491700000001", "491700000002", "491700000003", "491799999999");
        long t0 = System.nanoTime();
        int[] done = new FrameFuzzer(seed, msisdns, "fuzz.test.localdomain").sendTo(port, frames);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%d frames over %d connections in %d ms (%d frames/s)%n", done[0], done[1], ms,
                done[0] * 1000L / Math.max(1, ms));
        Thread.sleep(2_000);
        try (RawGateway fresh = new RawGateway(port, "after-fuzz.test.localdomain")) {
            DiameterMessage cea = fresh.capabilities();
            System.out.println("a fresh gateway afterwards: CEA " + cea.avp(268).u32() + ", DWA " + fresh.watchdog().avp(268).u32());
        }
    }
}

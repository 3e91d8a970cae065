import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the slow answers of a load run line up with another thread taking a core: a thread of the
 * machine (a kernel thread such as DAMON's {@code kdamond}, which samples memory every half second) or any
 * process. Not run by CI; a single-file program (Java 21+: {@code java bench/StealProbe.java ...}).
 *
 * <pre>
 * probe NAME|PID OUT   polls the thread's time on CPU (/proc/PID/schedstat) every millisecond until killed;
 *                      writes one line per burst: start (epoch ms), CPU used (ms), span (ms)
 * overlap BURSTS SLOW  of the answers in SLOW (bench/load-bench.sh SLOW_LOG_DIR, slow-RATE.txt), how many
 *                      were in flight while a burst ran; as a control, the same answers moved by half the
 *                      median interval between bursts (what chance alone gives)
 * </pre>
 * The probe costs about a hundredth of a core (a read of a small /proc file per millisecond).
 */
public class StealProbe {

    /** A burst ends when the thread has not run for this long. */
    private static final long QUIET_MS = 5;

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("probe")) {
            probe(schedstat(args[1]), Path.of(args[2]));
        } else if (args.length == 3 && args[0].equals("overlap")) {
            overlap(Path.of(args[1]), Path.of(args[2]));
        } else {
            System.err.println("usage: java bench/StealProbe.java probe NAME|PID OUT | overlap BURSTS SLOW");
            System.exit(2);
        }
    }

    /** The schedstat file of the process with that pid, or of the first whose name starts with it. */
    private static Path schedstat(String who) throws IOException {
        if (who.chars().allMatch(Character::isDigit)) {
            return Path.of("/proc", who, "schedstat");
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    if (Files.readString(p.resolve("comm")).strip().startsWith(who)) {
                        return p.resolve("schedstat");
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        throw new IllegalArgumentException("no process named " + who + "*");
    }

    private static long onCpuNanos(Path schedstat) throws IOException {
        String s = Files.readString(schedstat);
        return Long.parseLong(s.substring(0, s.indexOf(' ')));
    }

    private static void probe(Path schedstat, Path out) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out), true)) {
            long last = onCpuNanos(schedstat);
            long burstNanos = 0;
            long burstStart = 0;
            long lastChange = 0;
            while (true) {
                LockSupport.parkNanos(1_000_000);
                long now = System.currentTimeMillis();
                long cpu = onCpuNanos(schedstat);
                if (cpu != last) {
                    if (burstNanos == 0) {
                        burstStart = now;
                    }
                    burstNanos += cpu - last;
                    lastChange = now;
                    last = cpu;
                } else if (burstNanos > 0 && now - lastChange > QUIET_MS) {
                    w.printf("%d %.2f %d%n", burstStart, burstNanos / 1e6, lastChange - burstStart);
                    burstNanos = 0;
                }
            }
        }
    }

    private static void overlap(Path burstFile, Path slowFile) throws IOException {
        List<double[]> bursts = rows(burstFile); // start, cpu ms, span ms
        List<double[]> slow = rows(slowFile);    // scheduled epoch ms, latency ms
        if (bursts.size() < 2 || slow.isEmpty()) {
            System.out.println("  steal probe: " + bursts.size() + " bursts, " + slow.size() + " slow answers: nothing to compare");
            return;
        }
        double[] gaps = new double[bursts.size() - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = bursts.get(i + 1)[0] - bursts.get(i)[0];
        }
        Arrays.sort(gaps);
        double cpu = 0;
        for (double[] b : bursts) {
            cpu += b[1];
        }
        double period = gaps[gaps.length / 2];
        System.out.printf("  steal probe: %d bursts, one every %.0f ms (median), %.1f ms of CPU each on average%n",
                bursts.size(), period, cpu / bursts.size());
        for (int threshold : new int[] {5, 10, 15}) {
            int n = 0;
            int during = 0;
            int control = 0;
            for (double[] a : slow) {
                if (a[1] < threshold || a[0] < bursts.get(0)[0] || a[0] > bursts.get(bursts.size() - 1)[0]) {
                    continue;
                }
                n++;
                during += inFlight(bursts, a[0], a[1]) ? 1 : 0;
                control += inFlight(bursts, a[0] + period / 2, a[1]) ? 1 : 0;
            }
            System.out.printf("  answers >= %2d ms: %6d, in flight during a burst %5.1f %% (moved by half a period: %5.1f %%)%n",
                    threshold, n, n == 0 ? 0 : 100.0 * during / n, n == 0 ? 0 : 100.0 * control / n);
        }
    }

    /** Whether a burst ran while a request scheduled at {@code at} waited {@code latency} ms for its answer. */
    private static boolean inFlight(List<double[]> bursts, double at, double latency) {
        int lo = 0;
        int hi = bursts.size() - 1;
        while (lo < hi) { // the last burst starting before the answer came
            int mid = (lo + hi + 1) >>> 1;
            if (bursts.get(mid)[0] <= at + latency) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        double[] b = bursts.get(lo);
        return b[0] <= at + latency && b[0] + b[2] + 1 >= at;
    }

    private static List<double[]> rows(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            double[] r = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                r[i] = Double.parseDouble(f[i]);
            }
            rows.add(r);
        }
        rows.sort((x, y) -> Double.compare(x[0], y[0]));
        return rows;
    }
}

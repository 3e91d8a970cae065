package dev.ocs.client.load;

import dev.ocs.api.LoadTestMXBean;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the client expects the server to hold for each simulated subscriber after a load run: the
 * octets it reported and the server confirmed, what open sessions still reserve, and whether
 * anything is uncertain (a request timed out or was refused). With the server's totals at the start
 * (the baseline) this is everything {@code audit} compares. Subscriber i is account
 * {@code prefix + i} with MSISDN {@code firstMsisdn + i}.
 */
public final class Expectations {

    /** Fields per subscriber of a baseline (as {@code LoadTestMXBean.listTotals} answers). */
    private static final int BASE_FIELDS = LoadTestMXBean.TOTALS_FIELDS;

    final String prefix;
    final long firstMsisdn;
    final int count;
    final long[] baseline;
    final boolean hasBaseline;
    final AtomicLongArray confirmed;
    final AtomicLongArray reserved;
    final AtomicIntegerArray open;
    final AtomicIntegerArray uncertain;

    /** @param baseline the server's totals at the start, {@link #BASE_FIELDS} per subscriber, or {@code null} (all zero) */
    public Expectations(String prefix, long firstMsisdn, int count, long[] baseline) {
        if (baseline != null && baseline.length != count * BASE_FIELDS) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " values for " + count + " subscribers");
        }
        this.prefix = prefix;
        this.firstMsisdn = firstMsisdn;
        this.count = count;
        this.hasBaseline = baseline != null;
        this.baseline = baseline == null ? new long[count * BASE_FIELDS] : baseline;
        this.confirmed = new AtomicLongArray(count);
        this.reserved = new AtomicLongArray(count);
        this.open = new AtomicIntegerArray(count);
        this.uncertain = new AtomicIntegerArray(count);
    }

    public String accountId(int i) {
        return prefix + i;
    }

    public String msisdn(int i) {
        return Long.toString(firstMsisdn + i);
    }

    /** Whether the server's totals before the run were recorded (otherwise the accounts count as fresh). */
    public boolean hasBaseline() {
        return hasBaseline;
    }

    public int count() {
        return count;
    }

    public String prefix() {
        return prefix;
    }

    public long confirmedOctets(int i) {
        return confirmed.get(i);
    }

    public boolean uncertain(int i) {
        return uncertain.get(i) != 0;
    }

    /** What subscriber i's server totals should be now: reported octets, reserved octets, open sessions. */
    public long[] expected(int i) {
        int at = i * BASE_FIELDS;
        return new long[]{baseline[at + LoadTestMXBean.TOTAL_REPORTED_BYTES] + confirmed.get(i),
                baseline[at + LoadTestMXBean.TOTAL_RESERVED_BYTES] + reserved.get(i),
                baseline[at + LoadTestMXBean.TOTAL_OPEN_SESSIONS] + open.get(i)};
    }

    /** One baseline figure of subscriber i ({@code field} as in {@code LoadTestMXBean}, e.g. {@code TOTAL_DEBITS}). */
    public long base(int i, int field) {
        return baseline[i * BASE_FIELDS + field];
    }

    /** Adds a finished (or, at the end, abandoned) session's account. */
    void add(int i, long confirmedOctets, long reservedOctets, boolean stillOpen, boolean isUncertain) {
        confirmed.addAndGet(i, confirmedOctets);
        reserved.addAndGet(i, reservedOctets);
        if (stillOpen) {
            open.incrementAndGet(i);
        }
        if (isUncertain) {
            uncertain.set(i, 1);
        }
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# ocs load expectations v1\nprefix\t" + prefix + "\nfirst-msisdn\t" + firstMsisdn + "\ncount\t" + count
                    + "\nbaseline\t" + (hasBaseline ? "recorded" : "none") + "\n");
            w.write("#index\tconfirmed_octets\treserved_octets\topen_sessions\tuncertain\tbase_exists\tbase_balance"
                    + "\tbase_held\tbase_debits\tbase_reported\tbase_reserved\tbase_open\n");
            StringBuilder line = new StringBuilder(96);
            for (int i = 0; i < count; i++) {
                line.setLength(0);
                line.append(i).append('\t').append(confirmed.get(i)).append('\t').append(reserved.get(i)).append('\t')
                        .append(open.get(i)).append('\t').append(uncertain.get(i));
                for (int f = 0; f < BASE_FIELDS; f++) {
                    line.append('\t').append(baseline[i * BASE_FIELDS + f]);
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    public static Expectations read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 6 || !lines.get(0).startsWith("# ocs load expectations v1")) {
            throw new IOException(file + " is not a load expectations file");
        }
        String prefix = value(lines.get(1), "prefix");
        long first = Long.parseLong(value(lines.get(2), "first-msisdn"));
        int count = Integer.parseInt(value(lines.get(3), "count"));
        boolean recorded = value(lines.get(4), "baseline").equals("recorded");
        int head = 6;
        if (lines.size() != head + count) {
            throw new IOException(file + " has " + (lines.size() - head) + " subscriber lines, expected " + count);
        }
        long[] base = new long[count * BASE_FIELDS];
        Expectations e = new Expectations(prefix, first, count, recorded ? base : null);
        base = e.baseline;
        for (int i = 0; i < count; i++) {
            String[] f = lines.get(head + i).split("\t");
            if (f.length != 5 + BASE_FIELDS || Integer.parseInt(f[0]) != i) {
                throw new IOException(file + " line " + (head + 1 + i) + " is malformed");
            }
            e.add(i, Long.parseLong(f[1]), Long.parseLong(f[2]), false, f[4].equals("1"));
            e.open.set(i, Integer.parseInt(f[3]));
            for (int k = 0; k < BASE_FIELDS; k++) {
                base[i * BASE_FIELDS + k] = Long.parseLong(f[5 + k]);
            }
        }
        return e;
    }

    private static String value(String line, String key) throws IOException {
        String[] kv = line.split("\t", 2);
        if (kv.length != 2 || !kv[0].equals(key)) {
            throw new IOException("expected '" + key + "' but found: " + line);
        }
        return kv[1];
    }
}

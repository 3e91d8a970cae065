package dev.ocs.core.ledger;

import dev.ocs.core.domain.LedgerRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The durable CDR files the ledger is exported to: one file per UTC day
 * ({@code ocs-ledger-YYYYMMDD.cdr}), appended and forced to disk before the records are
 * acknowledged in the grid. Each append is one batch, opened by a comment line
 * {@code #batch <export time> <records>}, so that after a crash the one batch whose acknowledgement
 * may not have reached the durable store is found at the end of the newest file
 * ({@link #lastBatch()}) and acknowledged instead of written twice. Readers keep the first copy of
 * each line all the same. An account deleted and created again starts its sequence again, and
 * readers tell its records apart by time (see {@link #totals(Map)}).
 */
public final class CdrFiles {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Path directory;

    public CdrFiles(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create CDR directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    static final String BATCH = "#batch\t";

    /**
     * Appends the records, as one batch, to the file of the day {@code now} falls in and forces them to
     * disk. A line left torn by an earlier failed write is cut off first (its record was never
     * acknowledged, so it is written again).
     */
    public void append(List<LedgerRecord> records, long now) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        Path file = directory.resolve("ocs-ledger-" + DAY.format(Instant.ofEpochMilli(now)) + ".cdr");
        cutTornLine(file);
        // streamed through a small buffer: a batch of 10,000 records built as one string was three 1 MB
        // arrays a second, each a humongous allocation for G1
        ByteBuffer buf = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            if (ch.size() == 0) {
                put(ch, buf, CdrFormat.HEADER + "\n");
            }
            put(ch, buf, BATCH + now + "\t" + records.size() + "\n");
            for (LedgerRecord r : records) {
                put(ch, buf, CdrFormat.format(r) + "\n");
            }
            drain(ch, buf);
            ch.force(false);
        }
    }

    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    private static void put(FileChannel ch, ByteBuffer buf, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > buf.remaining()) {
            drain(ch, buf);
        }
        if (bytes.length > buf.capacity()) {
            ByteBuffer big = ByteBuffer.wrap(bytes);
            while (big.hasRemaining()) {
                ch.write(big);
            }
        } else {
            buf.put(bytes);
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /**
     * Cuts a line that a crash left half-written off the end of every file (run at start-up, before
     * anything is appended). Answers the number of files repaired.
     */
    public int repairTornLines() throws IOException {
        int repaired = 0;
        for (Path file : files()) {
            if (cutTornLine(file)) {
                repaired++;
            }
        }
        return repaired;
    }

    /** Truncates the file after its last newline when it does not end with one; answers whether it did. */
    private static boolean cutTornLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0 || lastByte(ch, size) == '\n') {
                return false;
            }
            long keep = size;
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (keep > 0) {
                long from = Math.max(0, keep - buf.capacity());
                buf.clear().limit((int) (keep - from));
                ch.read(buf, from);
                int i = buf.position() - 1;
                while (i >= 0 && buf.get(i) != '\n') {
                    i--;
                }
                if (i >= 0) {
                    keep = from + i + 1;
                    break;
                }
                keep = from;
            }
            ch.truncate(keep);
            ch.force(true);
            return true;
        }
    }

    private static byte lastByte(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        return one.get(0);
    }

    /**
     * The records of the last batch appended (the end of the newest file, from its last
     * {@code #batch} line); empty when there are no files. Call after {@link #repairTornLines}.
     */
    public List<LedgerRecord> lastBatch() throws IOException {
        List<Path> all = files();
        if (all.isEmpty()) {
            return List.of();
        }
        Path newest = all.get(all.size() - 1);
        long start = lastBatchOffset(newest);
        List<LedgerRecord> records = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(newest, StandardOpenOption.READ);
             BufferedReader in = new BufferedReader(java.nio.channels.Channels.newReader(ch.position(start), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    records.add(CdrFormat.parse(line));
                }
            }
        }
        return records;
    }

    /** Where the last batch line starts, searching backwards from the end a block at a time. */
    private static long lastBatchOffset(Path file) throws IOException {
        byte[] marker = ("\n" + BATCH).getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(1024 * 1024);
            while (end > 0) {
                long from = Math.max(0, end - buf.capacity());
                buf.clear().limit((int) (end - from));
                ch.read(buf, from);
                byte[] block = new byte[buf.position()];
                buf.flip().get(block);
                for (int i = block.length - marker.length; i >= 0; i--) {
                    if (matches(block, i, marker)) {
                        return from + i + 1;
                    }
                }
                if (from == 0) {
                    return 0;
                }
                end = from + marker.length - 1; // a marker may straddle two blocks
            }
            return 0;
        }
    }

    private static boolean matches(byte[] block, int at, byte[] marker) {
        for (int j = 0; j < marker.length; j++) {
            if (block[at + j] != marker[j]) {
                return false;
            }
        }
        return true;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".cdr")).sorted().toList();
        }
    }

    /** Every record in the files, the first copy of each only. */
    public void read(java.util.function.Consumer<LedgerRecord> visitor) throws IOException {
        read(visitor, new HashSet<>());
    }

    /** Every record not in {@code seen} yet (a record exported twice, here or by another node, is one line twice). */
    private void read(java.util.function.Consumer<LedgerRecord> visitor, Set<String> seen) throws IOException {
        for (Path file : files()) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    if (seen.add(line)) {
                        visitor.accept(CdrFormat.parse(line));
                    }
                }
            }
        }
    }

    /**
     * Totals of the exported records per account, for the ledger audit: for each account in
     * {@code createdAt} (account id to creation time), the records of that incarnation of it.
     */
    public Map<String, LedgerTotals> totals(Map<String, Long> createdAt) throws IOException {
        return totals(List.of(this), createdAt);
    }

    /**
     * The same over the CDR directories of several nodes (collected from a cluster, where the exporting
     * node changes when one leaves): a record written by two nodes (exported, then the exporter died
     * before acknowledging it, so the next exported it again) counts once.
     */
    public static Map<String, LedgerTotals> totals(List<CdrFiles> nodes, Map<String, Long> createdAt) throws IOException {
        Map<String, LedgerTotals> totals = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (CdrFiles node : nodes) {
            node.read(r -> collect(totals, createdAt, r), seen);
        }
        return totals;
    }

    private static void collect(Map<String, LedgerTotals> totals, Map<String, Long> createdAt, LedgerRecord r) {
        Long since = createdAt.get(r.accountId());
        if (since == null || r.time() < since) {
            return;
        }
        totals.merge(r.accountId(), LedgerTotals.NONE.plus(r.seq(), r.money(), r.bucketBytes()),
                (a, b) -> new LedgerTotals(a.records() + b.records(), Math.max(a.lastSeq(), b.lastSeq()),
                        a.money() + b.money(), a.bucketBytes() + b.bucketBytes()));
    }
}

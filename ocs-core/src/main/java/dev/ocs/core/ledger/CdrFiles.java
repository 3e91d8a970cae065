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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The durable CDR files the ledger is exported to: one file per UTC day
 * ({@code ocs-ledger-YYYYMMDD.cdr}), appended and forced to disk before the records are
 * acknowledged in the grid. A record may appear twice after a crash between write and
 * acknowledgement; readers keep the first copy of each line. The grid lives in memory, so files
 * outlive it: an account created anew (after a restart, or deleted and created again) starts its
 * sequence again, and readers tell its records apart by time (see {@link #totals(Map)}).
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

    /** Appends the records to the file of the day {@code now} falls in and forces them to disk. */
    public void append(List<LedgerRecord> records, long now) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        Path file = directory.resolve("ocs-ledger-" + DAY.format(Instant.ofEpochMilli(now)) + ".cdr");
        StringBuilder text = new StringBuilder(records.size() * 128);
        if (!Files.exists(file)) {
            text.append(CdrFormat.HEADER).append('\n');
        }
        for (LedgerRecord r : records) {
            text.append(CdrFormat.format(r)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false);
        }
    }

    /** Every record in the files, the first copy of each only. */
    public void read(java.util.function.Consumer<LedgerRecord> visitor) throws IOException {
        Set<String> seen = new HashSet<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".cdr")).sorted().toList();
        }
        for (Path file : files) {
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
        Map<String, LedgerTotals> totals = new HashMap<>();
        read(r -> {
            Long since = createdAt.get(r.accountId());
            if (since == null || r.time() < since) {
                return;
            }
            totals.merge(r.accountId(), LedgerTotals.NONE.plus(r.seq(), r.money(), r.bucketBytes()),
                (a, b) -> new LedgerTotals(a.records() + b.records(), Math.max(a.lastSeq(), b.lastSeq()),
                        a.money() + b.money(), a.bucketBytes() + b.bucketBytes()));
        });
        return totals;
    }
}

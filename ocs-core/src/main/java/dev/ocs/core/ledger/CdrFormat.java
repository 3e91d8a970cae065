package dev.ocs.core.ledger;

import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.LedgerType;

/**
 * One ledger record per line, tab separated, in this column order:
 * {@code account seq time type session ratingGroup volumeBytes money bucketBytes balanceAfter bucketsAfter reference}.
 * Lines written before the {@code buckets_after} column existed (11 fields) still parse, with -1 there.
 * Tabs, newlines and backslashes inside text fields are escaped, so a line is always one record.
 */
public final class CdrFormat {

    public static final String HEADER = "#account\tseq\ttime\ttype\tsession\trating_group\tvolume_bytes\tmoney"
            + "\tbucket_bytes\tbalance_after\tbuckets_after\treference";

    private CdrFormat() {
    }

    public static String format(LedgerRecord r) {
        StringBuilder b = new StringBuilder(128);
        escape(b, r.accountId()).append('\t').append(r.seq()).append('\t').append(r.time()).append('\t')
                .append(r.type().name()).append('\t');
        escape(b, r.sessionId()).append('\t').append(r.ratingGroup()).append('\t').append(r.volumeBytes())
                .append('\t').append(r.money()).append('\t').append(r.bucketBytes()).append('\t')
                .append(r.balanceAfter()).append('\t').append(r.bucketsAfter()).append('\t');
        return escape(b, r.reference()).toString();
    }

    public static LedgerRecord parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 12 && f.length != 11) {
            throw new IllegalArgumentException("CDR line has " + f.length + " fields, expected 12: " + line);
        }
        boolean legacy = f.length == 11;
        return new LedgerRecord(unescape(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), LedgerType.valueOf(f[3]),
                unescape(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), legacy ? -1 : Long.parseLong(f[10]),
                unescape(f[legacy ? 10 : 11]));
    }

    private static StringBuilder escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

package dev.ocs.client.audit;

import dev.ocs.client.load.Expectations;
import dev.ocs.api.LoadTestMXBean;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares what a load run's client was granted and reported with what the server says it charged
 * and holds. Per subscriber account: the octets reported used and confirmed must equal the growth
 * of the server's reported-bytes total (a retransmission charged twice or a lost report shows here),
 * the server must still reserve exactly what the client's open sessions hold (every granted octet
 * is debited, released or still reserved), money may only have moved by the debits of the run, and
 * the server's own ledger audit must find nothing. Accounts touched by a request whose outcome the
 * client cannot know (timed out, refused) cannot be vouched for and are counted apart.
 */
public final class LoadAudit {

    private static final int SHOWN = 20;

    /** The outcome: differences (empty when clean), accounts checked and accounts not verifiable. */
    public record Result(List<String> differences, int checked, int unverifiable, long confirmedOctets, List<String> ledgerFindings) {

        public boolean clean() {
            return differences.isEmpty() && ledgerFindings.isEmpty() && unverifiable == 0;
        }

        public String summary() {
            StringBuilder s = new StringBuilder();
            s.append("audit: ").append(checked).append(" accounts checked, ").append(confirmedOctets)
                    .append(" octets reported and confirmed, ").append(differences.size()).append(" differences, ")
                    .append(unverifiable).append(" not verifiable (a request timed out or was refused), ")
                    .append(ledgerFindings.size()).append(" server ledger findings\n");
            differences.stream().limit(SHOWN).forEach(d -> s.append("  difference: ").append(d).append('\n'));
            ledgerFindings.stream().limit(SHOWN).forEach(d -> s.append("  ledger: ").append(d).append('\n'));
            s.append(clean() ? "audit CLEAN\n" : "audit FAILED\n");
            return s.toString();
        }
    }

    private LoadAudit() {
    }

    public static Result run(Expectations e, LoadTestMXBean loadTest, dev.ocs.api.AccountsMXBean accounts) {
        List<String> differences = new ArrayList<>();
        int unverifiable = 0;
        long confirmed = 0;
        long[] totals = ServerTotals.read(loadTest, e.prefix(), e.count());
        for (int i = 0; i < e.count(); i++) {
            int at = i * LoadTestMXBean.TOTALS_FIELDS;
            String id = e.accountId(i);
            if (totals[at + LoadTestMXBean.TOTAL_EXISTS] == 0) {
                differences.add(id + ": account does not exist");
                continue;
            }
            if (e.uncertain(i)) {
                unverifiable++;
                continue;
            }
            confirmed += e.confirmedOctets(i);
            long[] want = e.expected(i);
            compare(differences, id, "reported octets", want[0], totals[at + LoadTestMXBean.TOTAL_REPORTED_BYTES]);
            compare(differences, id, "reserved octets", want[1], totals[at + LoadTestMXBean.TOTAL_RESERVED_BYTES]);
            compare(differences, id, "open sessions", want[2], totals[at + LoadTestMXBean.TOTAL_OPEN_SESSIONS]);
            if (e.hasBaseline()) {
                long debited = totals[at + LoadTestMXBean.TOTAL_DEBITS] - e.base(i, LoadTestMXBean.TOTAL_DEBITS);
                compare(differences, id, "balance (baseline - debits of the run)",
                        e.base(i, LoadTestMXBean.TOTAL_BALANCE) - debited, totals[at + LoadTestMXBean.TOTAL_BALANCE]);
            }
        }
        return new Result(differences, e.count() - unverifiable, unverifiable, confirmed, accounts.listAuditFindings());
    }

    private static void compare(List<String> differences, String id, String what, long expected, long actual) {
        if (expected != actual) {
            differences.add(id + ": " + what + " expected " + expected + " but the server has " + actual);
        }
    }
}

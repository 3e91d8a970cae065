package dev.ocs.core.bench;

import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.AcknowledgeLedgerCommand;
import dev.ocs.core.rules.ChargeCommand;
import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.store.codec.AccountCodec;

import java.util.List;

/**
 * The write-behind's encoding of one account, as the load benchmark's accounts look in the steady state:
 * three sessions of INITIAL, three UPDATEs and a TERMINATE behind it (kept closed for the retransmission
 * window), a fourth open, the ledger acknowledged up to the third session's records. Prints
 * nanoseconds per encoding and the row's size; asserts nothing. Run it with
 * {@code BENCH_CLASS=dev.ocs.core.bench.CodecBenchmark bench/core-bench.sh [seconds]}.
 */
public final class CodecBenchmark {

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ChargingPolicy policy = OcsConfig.defaults().policy();
        AccountState account = steadyStateAccount(policy);
        byte[] row = AccountCodec.encode(account);
        System.out.printf("row of %,d bytes (%d sessions, %d ledger records)%n", row.length,
                account.sessions().size(), account.ledgerSize());
        long sink = 0;
        for (int round = 0; round < 2 + seconds; round++) {
            long n = 0;
            long end = System.nanoTime() + 1_000_000_000L;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1_000; i++) {
                    sink += AccountCodec.encode(account).length;
                }
                n += 1_000;
            }
            double ns = (System.nanoTime() - start) / (double) n;
            System.out.printf("%s %.0f ns per encoding%n", round < 2 ? "warm-up" : "encode ", ns);
        }
        System.out.println("bytes encoded: " + sink); // used, so the encodings are not optimized away
    }

    private static AccountState steadyStateAccount(ChargingPolicy policy) {
        long now = 1_764_000_000_000L;
        SubscriberId subscriber = SubscriberId.msisdn("4917012345678");
        AccountState a = AccountState.of(Account.open("acct-0012345", List.of(subscriber.key()), 10_000_000, now));
        String host = "load-gw-1.test.localdomain;1764000000000;17;";
        for (int s = 0; s < 4; s++) {
            String id = host + s;
            run(a, policy, new ChargingRequest.Initial(id, 0, subscriber, List.of(ServiceUsage.ask(1))), now);
            for (int u = 1; u <= 3; u++) {
                run(a, policy, new ChargingRequest.Update(id, u, List.of(ServiceUsage.reportAndAsk(1, 300_000))), now += 1_000);
            }
            if (s < 3) {
                run(a, policy, new ChargingRequest.Terminate(id, 4, List.of(ServiceUsage.report(1, 100_000))), now += 1_000);
            }
            if (s == 2) {
                new AcknowledgeLedgerCommand(a.ledgerSeq()).applyInPlace(a, policy);
            }
        }
        return a;
    }

    private static void run(AccountState a, ChargingPolicy policy, ChargingRequest request, long now) {
        new ChargeCommand(request, now).applyInPlace(a, policy);
    }
}

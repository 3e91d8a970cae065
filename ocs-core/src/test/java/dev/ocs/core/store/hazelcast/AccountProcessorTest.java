package dev.ocs.core.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.ocs.core.Fixtures;
import dev.ocs.core.rules.AccountCommand;
import dev.ocs.core.rules.AcknowledgeLedgerCommand;
import dev.ocs.core.rules.AddBucketCommand;
import dev.ocs.core.rules.ChargeCommand;
import dev.ocs.core.rules.OperatorCommands;
import dev.ocs.core.rules.OperatorResult;
import dev.ocs.core.rules.SetStatusCommand;
import dev.ocs.core.rules.SweepCommand;
import dev.ocs.core.domain.Account;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.EventAction;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import static dev.ocs.core.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** The entry processor on a plain map entry, and every value that crosses the wire through a round trip. */
class AccountProcessorTest {

    private static HazelcastInstance member;
    private static SerializationService serialization;

    @BeforeAll
    static void start() {
        member = TestMembers.start(TestMembers.newCluster(0), Fixtures.policy());
        serialization = ((SerializationServiceSupport) member).getSerializationService();
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    private static final SubscriberId SUB = SubscriberId.msisdn("491700000001");

    private static ChargeCommand initial(String session) {
        return new ChargeCommand(new ChargingRequest.Initial(session, 0, SUB,
                List.of(ServiceUsage.ask(RG_DATA), ServiceUsage.ask(RG_FREE))), START);
    }

    private static <R> R run(Map.Entry<String, AccountState> entry, AccountCommand<R> command) {
        return new AccountProcessor<>(command, Fixtures.policy()).process(entry);
    }

    private static Map.Entry<String, AccountState> entry(String id, Account value) {
        return new AbstractMap.SimpleEntry<>(id, value == null ? null : AccountState.of(value));
    }

    /** An account with a bucket, an open session holding money and bucket bytes, a closed one and a ledger. */
    private static Account busyAccount() {
        Map.Entry<String, AccountState> e = entry("a1", Account.open("a1", List.of(SUB.key()), 5_000, START));
        run(e, new AddBucketCommand("bundle", 300_000, START + 86_400_000, List.of(RG_DATA, RG_PREMIUM), "ref-1", START));
        run(e, new OperatorCommands.TopUp(700, "recharge-1", START));
        run(e, initial("s1"));
        run(e, initial("s2"));
        run(e, new ChargeCommand(new ChargingRequest.Terminate("s2", 1, List.of(ServiceUsage.report(RG_DATA, 1_234))), START + 1));
        return e.getValue().snapshot();
    }

    @Test
    void processorAppliesTheCommandToAPlainEntry() {
        Map.Entry<String, AccountState> entry = entry("a1", Account.open("a1", List.of(SUB.key()), 5_000, START));
        AccountState stored = entry.getValue();
        ChargingResult r = run(entry, initial("s1"));
        assertEquals(ResultStatus.SUCCESS, r.status());
        assertSame(stored, entry.getValue(), "changed where it lives, stored again as the same instance");
        assertEquals(4_000, entry.getValue().snapshot().freeMoney());
        assertEquals(1, entry.getValue().openSessions());
        assertEquals(2, entry.getValue().version());
    }

    @Test
    void processorLeavesTheEntryAloneWhenNothingChanges() {
        Account account = Account.open("a1", List.of(SUB.key()), 5_000, START);
        Map.Entry<String, AccountState> entry = entry("a1", account);
        AccountState stored = entry.getValue();
        ChargingResult r = run(entry, new ChargeCommand(new ChargingRequest.Event("e1", 0, SUB, EventAction.PRICE_ENQUIRY,
                List.of(ServiceUsage.ask(RG_DATA, 5_000))), START));
        assertEquals(5, r.services().get(0).cost());
        assertSame(stored, entry.getValue());
        assertEquals(account, stored.snapshot(), "not even the version moved");
    }

    @Test
    void processorOnAMissingAccountAnswersUserUnknown() {
        Map.Entry<String, AccountState> entry = entry("nobody", null);
        assertEquals(ResultStatus.USER_UNKNOWN, run(entry, initial("s1")).status());
        assertNull(entry.getValue());
    }

    @Test
    void accountSurvivesASerializationRoundTrip() {
        Account account = busyAccount();
        assertFalse(account.buckets().isEmpty());
        assertFalse(account.sessions().get(0).services().get(0).holds().isEmpty());
        assertEquals(List.of("recharge-1"), account.references().stream().map(dev.ocs.core.domain.OperatorReference::reference).toList());
        assertEquals(account, roundTrip(account));
        assertEquals(account, roundTrip(AccountState.of(account)).snapshot(), "the stored state travels as its value");
    }

    @Test
    void everyCommandAndProcessorSurvivesASerializationRoundTrip() {
        List<AccountCommand<?>> commands = List.of(
                initial("s1"),
                new ChargeCommand(new ChargingRequest.Update("s1", 1, List.of(new ServiceUsage(RG_DATA, 7, true, 500, 42))), START),
                new ChargeCommand(new ChargingRequest.Terminate("s1", 2, List.of(ServiceUsage.report(RG_DATA, 9))), START),
                new ChargeCommand(new ChargingRequest.Event("e1", 0, SubscriberId.imsi("262010000000001"),
                        EventAction.REFUND_ACCOUNT, List.of(ServiceUsage.ask(RG_DATA, 10))), START),
                new SweepCommand(START),
                new AcknowledgeLedgerCommand(17),
                new SetStatusCommand(AccountStatus.BARRED, START),
                new AddBucketCommand("b", 5, START + 1, List.of(1L, 2L), "r", START),
                new OperatorCommands.TopUp(5, "t", START),
                new OperatorCommands.Adjust(-5, "why", "a", START),
                new OperatorCommands.BuyBundle("day", 10, 1_000, 3_600, List.of(1L), "b", START),
                new OperatorCommands.ReleaseSession("s1", "gone", START),
                new OperatorCommands.AddSubscriber("imsi:262010000000002", START),
                new OperatorCommands.RemoveSubscriber("imsi:262010000000002", START));
        for (AccountCommand<?> c : commands) {
            assertEquals(c, roundTrip(c), c.getClass().getSimpleName());
            AccountProcessor<?> p = roundTrip(new AccountProcessor<>(c));
            assertEquals(c, p.command());
        }
        AccountProcessor<?> visit = roundTrip(AccountProcessor.ifDue(new SweepCommand(START), START + 7));
        assertEquals(START + 7, visit.dueAt());
        assertEquals(START + 7, roundTrip((AccountProcessor<?>) visit.getBackupProcessor()).dueAt());
        assertEquals(AccountProcessor.NOT_A_VISIT, roundTrip(new AccountProcessor<>(new SweepCommand(START))).dueAt());
        assertEquals(new AccountQueries.WithDeadline(5), roundTrip(new AccountQueries.WithDeadline(5)));
        OperatorResult result = new OperatorResult(OperatorResult.Outcome.DUPLICATE, "seen", 5, -1);
        assertEquals(result, roundTrip(result));
        assertEquals(Map.of("a1", 3L, "a2", 9L), roundTrip(new AcknowledgeLedgerProcessor(Map.of("a1", 3L, "a2", 9L))).upTo());
        assertNull(roundTrip(new AccountQueries.PendingLedger()).collected(), "a copy made for another member returns its records");
        assertEquals(new DirectoryProcessors.Bind("s1", "a1", START + 60_000, true),
                roundTrip(new DirectoryProcessors.Bind("s1", "a1", START + 60_000, true)));
        assertEquals(new DirectoryProcessors.LookUp("s1", START, 960_000), roundTrip(new DirectoryProcessors.LookUp("s1", START, 960_000)));
        assertEquals(new DirectoryProcessors.Expire(START), roundTrip(new DirectoryProcessors.Expire(START)));
        assertEquals(new DirectoryProcessors.Count(), roundTrip(new DirectoryProcessors.Count()));
        DirectoryShard shard = new DirectoryShard();
        shard.bind("pgw;1", "a1", START + 960_000, false);
        shard.bind("pgw;2", "a2", START + 60_000, true);
        List<DirectoryShard.Binding> before = new java.util.ArrayList<>();
        shard.forEach(before::add);
        List<DirectoryShard.Binding> after = new java.util.ArrayList<>();
        roundTrip(shard).forEach(after::add);
        assertEquals(java.util.Set.copyOf(before), java.util.Set.copyOf(after), "a shard migrates with every binding");
    }

    @Test
    void resultsSurviveASerializationRoundTrip() {
        Map.Entry<String, AccountState> entry = entry("a1", busyAccount());
        ChargingResult r = run(entry, initial("s9"));
        assertEquals(r, roundTrip(r));
        Object pending = new AccountProcessor<>(new SweepCommand(START + 10_000_000), Fixtures.policy()).process(entry);
        assertEquals(List.of("s1", "s9"), roundTrip(pending));
    }

    private static <T> T roundTrip(T value) {
        Data data = serialization.toData(value);
        return serialization.toObject(data);
    }
}

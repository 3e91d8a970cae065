package dev.ocs.core.store.codec;

import dev.ocs.core.Fixtures;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.domain.SubscriberId;
import dev.ocs.core.rules.AccountState;
import dev.ocs.core.rules.AcknowledgeLedgerCommand;
import dev.ocs.core.rules.SessionCharging;
import dev.ocs.core.store.jdbc.SampleAccounts;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountCodecTest {

    @Test
    void everyFieldOfAChargedAccountSurvivesEncoding() {
        Account a = SampleAccounts.rich("codec-1");
        assertFalse(a.sessions().isEmpty());
        assertFalse(a.buckets().isEmpty());
        assertFalse(a.references().isEmpty());
        assertTrue(a.ledgerSeq() > a.exportedSeq());
        assertTrue(a.sessions().stream().anyMatch(s -> s.closed()));
        assertTrue(a.sessions().stream().flatMap(s -> s.services().stream()).anyMatch(s -> !s.holds().isEmpty()));
        assertEquals(a, AccountCodec.decode(AccountCodec.encode(a)));
    }

    @Test
    void aRowCarriesItsAccountsColumnsAndTheWholeAccount() {
        Account a = SampleAccounts.rich("codec-row");
        AccountRow row = AccountRow.of(a);
        assertEquals(a.id(), row.id());
        assertEquals(a.createdAt(), row.createdAt());
        assertEquals(a.version(), row.version());
        assertEquals(a.status(), row.status());
        assertEquals(a.balance(), row.balance());
        assertEquals(a.ledgerSeq(), row.ledgerSeq());
        assertEquals(a.exportedSeq(), row.exportedSeq());
        assertEquals(a, row.account());
        assertFalse(row.equals(AccountRow.of(a)), "rows are told apart by identity: the write-behind unregisters the one it wrote");
    }

    @Test
    void theLiveStateEncodesToTheBytesOfItsSnapshot() {
        AccountState state = AccountState.of(SampleAccounts.rich("codec-live"));
        SubscriberId sub = SubscriberId.parse(state.subscribers().get(0));
        for (int i = 0; i < 12; i++) { // sessions charged and exported until the ledger ring has wrapped
            String session = "live-" + i;
            long t = Fixtures.START + 1_000L * i;
            SessionCharging.charge(state, new ChargingRequest.Initial(session, 0, sub,
                    List.of(ServiceUsage.ask(Fixtures.RG_DATA))), t, Fixtures.policy());
            SessionCharging.charge(state, new ChargingRequest.Terminate(session, 1,
                    List.of(ServiceUsage.report(Fixtures.RG_DATA, 1_000 + i))), t + 10, Fixtures.policy());
            new AcknowledgeLedgerCommand(state.ledgerSeq() - 1).applyInPlace(state, Fixtures.policy());
        }
        Account snapshot = state.snapshot();
        assertTrue(snapshot.ledgerSeq() > snapshot.exportedSeq() && snapshot.ledger().size() > 1);
        assertArrayEquals(AccountCodec.encode(snapshot), AccountCodec.encode(state));
        assertEquals(snapshot, AccountRow.of(state).account());
    }

    @Test
    void aFreshAccountSurvivesEncoding() {
        Account a = Account.open("codec-2", java.util.List.of(), 0, 1L);
        assertEquals(a, AccountCodec.decode(AccountCodec.encode(a)));
    }

    @Test
    void theGatewayOfEachSessionSurvivesEncoding() {
        Account a = SampleAccounts.rich("codec-5");
        java.util.List<dev.ocs.core.domain.SessionState> sessions = a.sessions().stream()
                .map(s -> new dev.ocs.core.domain.SessionState(s.sessionId(), s.requestNumber(), s.lastResult(), s.services(),
                        s.expiresAt(), s.closedAt(), "pgw-7.example.net", "example.net")).toList();
        Account withGateways = new Account(a.id(), a.status(), a.subscribers(), a.balance(), a.openingBalance(), a.credits(),
                a.debits(), a.refundable(), a.buckets(), a.nextBucketId(), a.bucketCredits(), a.bucketDebits(),
                a.reportedBytes(), sessions, a.ledgerSeq(), a.exportedSeq(), a.ledger(), a.references(), a.createdAt(),
                a.version());
        Account back = AccountCodec.decode(AccountCodec.encode(withGateways));
        assertEquals(withGateways, back);
        assertEquals("pgw-7.example.net", back.sessions().get(0).gatewayHost());
    }

    @Test
    void anAccountOfTheFirstFormatIsStillRead() {
        Account a = Account.open("codec-6", java.util.List.of("e164:491700000006"), 5, 1L);
        byte[] bytes = AccountCodec.encode(a);
        bytes[0] = 1; // without sessions, formats 1 and 2 differ only in this byte
        assertEquals(a, AccountCodec.decode(bytes));
    }

    @Test
    void anUnknownFormatIsRefusedNotGuessed() {
        byte[] bytes = AccountCodec.encode(Account.open("codec-3", java.util.List.of(), 5, 1L));
        bytes[0] = 99;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountCodec.decode(bytes));
        assertTrue(e.getMessage().contains("format 99"), e.getMessage());
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] bytes = AccountCodec.encode(SampleAccounts.rich("codec-4"));
        assertThrows(IllegalArgumentException.class, () -> AccountCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
    }
}

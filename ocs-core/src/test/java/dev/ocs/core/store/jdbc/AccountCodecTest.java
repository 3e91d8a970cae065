package dev.ocs.core.store.jdbc;

import dev.ocs.core.domain.Account;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

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
    void aFreshAccountSurvivesEncoding() {
        Account a = Account.open("codec-2", java.util.List.of(), 0, 1L);
        assertEquals(a, AccountCodec.decode(AccountCodec.encode(a)));
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

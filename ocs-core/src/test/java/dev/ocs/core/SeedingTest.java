package dev.ocs.core;

import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.domain.SubscriberId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The configured accounts are created once: a restart never resets a balance or brings back a deleted account. */
class SeedingTest {

    @TempDir
    Path dir;

    private OcsConfig config() {
        String yaml = """
                grid: {cluster-name: seed-%d, port: %d, backup-count: 0}
                ledger: {cdr-directory: '%s'}
                persistence: {backend: sqlite, sqlite-file: '%s', flush-interval-millis: 50}
                jmx: {enabled: false}
                accounts:
                  - {id: seed-1, subscribers: [e164:491700001111], balance: 500}
                  - {id: seed-2, subscribers: [e164:491700002222], balance: 700}
                """.formatted(ProcessHandle.current().pid(), 16500 + (int) (ProcessHandle.current().pid() % 100) * 5,
                dir.resolve("cdr"), dir.resolve("ocs.db"));
        return OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "seed"));
    }

    @Test
    void seedsAreCreatedOnceAndNeverResetOrResurrected() {
        try (OcsCore first = OcsCore.start(config())) {
            assertEquals(500, first.grid().accounts().get("seed-1").balance());
            first.provisioning().topUp("seed-1", 250, "after-seed");
            first.provisioning().delete("seed-2");
        }
        try (OcsCore second = OcsCore.start(config())) {
            assertEquals(750, second.grid().accounts().get("seed-1").balance(), "the seed did not reset the balance");
            assertNull(second.grid().accounts().get("seed-2"), "a deleted seed account stays deleted");
            assertEquals("seed-1", second.grid().subscribers().accountOf(SubscriberId.msisdn("491700001111").key()).join());
        }
    }
}

package dev.ocs.diameter.server;

import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.ConfigTree;
import dev.ocs.core.config.OcsConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class DiameterSettingsTest {

    private static DiameterSettings parse(String diameter) {
        String yaml = "diameter:\n" + diameter;
        return DiameterSettings.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t"));
    }

    @Test
    void theShippedConfigurationWordsGrantsPerRatingGroup() {
        DiameterSettings s = DiameterSettings.from(OcsConfig.load(Path.of("../config/ocs.yaml")).root());
        assertEquals(DiameterSettings.FinalUnitAction.REDIRECT, s.terms(1).finalUnitAction(), "internet: to the top-up site");
        assertEquals(DiameterSettings.FinalUnitAction.TERMINATE, s.terms(4).finalUnitAction(), "the default");
        assertEquals(1, s.singleServiceRatingGroup());
        assertNull(s.failureHandling());
    }

    @Test
    void restrictWithoutAFilterIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("  rating-groups:\n    - {rating-group: 4, final-unit-action: restrict}\n"));
        assertTrue(e.getMessage().contains("filter-id"), e.getMessage());
    }

    @Test
    void aRatingGroupListedTwiceIsRefused() {
        assertThrows(ConfigException.class, () -> parse("  rating-groups:\n    - {rating-group: 4, quota-holding-time: 60}\n"
                + "    - {rating-group: 4, quota-holding-time: 90}\n"));
    }

    @Test
    void failureHandlingAndFailoverAreReadOrLeftOut() {
        DiameterSettings s = parse("  credit-control-failure-handling: continue\n  cc-session-failover: not-supported\n");
        assertEquals(DiameterSettings.FailureHandling.CONTINUE, s.failureHandling());
        assertEquals(Boolean.FALSE, s.sessionFailover());
        assertThrows(ConfigException.class, () -> parse("  credit-control-failure-handling: maybe\n"));
    }
}

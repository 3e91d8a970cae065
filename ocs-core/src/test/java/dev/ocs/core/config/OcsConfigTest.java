package dev.ocs.core.config;

import dev.ocs.core.rating.Tariff;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The configuration is validated once, and every error names the key to fix. */
class OcsConfigTest {

    private static OcsConfig parse(String yaml) {
        return OcsConfig.from(ConfigTree.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test"));
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void shippedConfigurationLoads() {
        OcsConfig c = OcsConfig.load(Path.of("../config/ocs.yaml"));
        assertFalse(c.accounts().isEmpty(), "the shipped file has demo accounts");
        assertNotNull(c.policy().tariffs().find(1));
        assertEquals("127.0.0.1", c.grid().bindHost());
    }

    @Test
    void emptyConfigurationGivesTheDefaults() {
        OcsConfig c = OcsConfig.defaults();
        assertEquals(OcsConfig.QUOTA_BYTES_DEFAULT, c.policy().quotaBytes());
        assertEquals(GridConfig.BIND_HOST_DEFAULT, c.grid().bindHost());
    }

    @Test
    void tariffsOfEveryModeAreRead() {
        OcsConfig c = parse("""
                tariffs:
                  - {rating-group: 1, price-per-block: 2, block-bytes: 1024}
                  - {rating-group: 2, mode: zero-rated}
                  - {rating-group: 3, mode: blocked}
                """);
        assertEquals(new Tariff.Priced(2, 1024), c.policy().tariffs().find(1));
        assertInstanceOf(Tariff.ZeroRated.class, c.policy().tariffs().find(2));
        assertInstanceOf(Tariff.Blocked.class, c.policy().tariffs().find(3));
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(error("charging: {quota-bytes: -5}").contains("charging.quota-bytes"));
        assertTrue(error("charging: {validity-seconds: ten}").contains("charging.validity-seconds"));
        assertTrue(error("charging: {quota-byte: 5}").contains("charging.quota-byte"), "a typo is not ignored");
        assertTrue(error("tariffs: [{rating-group: 1, mode: cheap}]").contains("tariffs[0].mode"));
        assertTrue(error("tariffs: [{rating-group: 1}]").contains("tariffs[0].price-per-block"));
        assertTrue(error("tariffs: [{rating-group: 1, mode: blocked}, {rating-group: 1, mode: blocked}]").contains("two tariffs"));
        assertTrue(error("accounts: [{id: x, subscribers: [e164:12ab]}]").contains("accounts[0].subscribers"));
        assertTrue(error("currency: euro").contains("currency"));
        assertTrue(error("grid: {port: 70000}").contains("grid.port"));
        assertTrue(error("x: [").contains("not valid YAML"));
    }

    @Test
    void clusterSettingsAreRead() {
        GridConfig g = parse("""
                grid:
                  join: kubernetes
                  kubernetes: {namespace: charging, service-name: ocs-hz}
                  public-address: 10.0.0.5:5701
                  outbound-ports: 33000-33100, 34000
                  minimum-cluster-size: 2
                  member-timeout-seconds: 8
                """).grid();
        assertEquals(GridConfig.Join.KUBERNETES, g.discovery().join());
        assertEquals("charging", g.discovery().kubernetesNamespace());
        assertEquals("ocs-hz", g.discovery().kubernetesServiceName());
        assertEquals("10.0.0.5:5701", g.discovery().publicAddress());
        assertEquals(new GridConfig.SplitBrain(2, 8, GridConfig.SplitBrain.MERGE_CHECK_SECONDS_DEFAULT), g.splitBrain());
        assertFalse(OcsConfig.defaults().grid().splitBrain().enabled(), "one node needs no protection");
        assertTrue(error("grid: {join: multicast}").contains("grid.join"));
        assertTrue(error("grid: {outbound-ports: some}").contains("grid.outbound-ports"));
        assertTrue(error("grid: {minimum-cluster-size: 0}").contains("grid.minimum-cluster-size"));
        assertTrue(error("grid: {kubernetes: {namespce: x}}").contains("grid.kubernetes.namespce"));
    }

    @Test
    void aTimedTariffIsPricedPerSecondAndNoBundleMayNameIt() {
        OcsConfig c = parse("tariffs: [{rating-group: 7, mode: timed, price-per-block: 3, block-seconds: 60, quota-seconds: 900}]\n");
        assertEquals(java.util.Set.of(7L), c.policy().tariffs().timedGroups());
        String why = error("tariffs: [{rating-group: 7, mode: timed, price-per-block: 3, block-seconds: 60, quota-seconds: 900}]\n"
                + "bundles: [{name: pass, price: 1, bytes: 1000, rating-groups: [7]}]\n");
        assertTrue(why.contains("priced per second"), why);
        assertTrue(error("tariffs: [{rating-group: 7, mode: timed, price-per-block: 3, block-seconds: 60}]\n")
                .contains("quota-seconds"));
    }
}

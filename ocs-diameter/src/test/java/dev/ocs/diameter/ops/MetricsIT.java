package dev.ocs.diameter.ops;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The Prometheus endpoint of a running server: scraped before and after gateway traffic, the figures move. */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void scrapedCountersMoveWithTraffic() throws Exception {
        try (TestServer server = TestServer.start(); RawGateway gw = new RawGateway(server.port)) {
            String msisdn = "491709800001";
            server.core().provisioning().create("metrics-1", List.of(SubscriberId.msisdn(msisdn)), 1_000_000);
            assertEquals(2001, gw.capabilities().avp(268).u32());
            String before = scrape(server);
            assertTrue(before.contains("# TYPE ocs_ccr_duration_seconds histogram"), before);
            assertTrue(before.contains("jvm_memory_used_bytes"), "the JVM's figures too");
            assertEquals(1.0, value(before, "ocs_grid_members"));
            for (int i = 0; i < 5; i++) {
                String session = "pgw.test.localdomain;metrics;" + i;
                assertEquals(2001, gw.exchange(Ccr.of(session, 1, 0, msisdn, Ccr.mscc(1, true, -1))).avp(268).u32());
                assertEquals(2001, gw.exchange(Ccr.of(session, 3, 1, null, Ccr.mscc(1, false, 1_500))).avp(268).u32());
            }
            String after = scrape(server);
            assertEquals(value(before, "ocs_ccr_requests_total{type=\"INITIAL\"}") + 5, value(after, "ocs_ccr_requests_total{type=\"INITIAL\"}"));
            assertEquals(value(before, "ocs_ccr_requests_total{type=\"TERMINATE\"}") + 5,
                    value(after, "ocs_ccr_requests_total{type=\"TERMINATE\"}"));
            assertEquals(value(before, "ocs_ccr_results_total{status=\"SUCCESS\"}") + 10,
                    value(after, "ocs_ccr_results_total{status=\"SUCCESS\"}"));
            assertEquals(value(before, "ocs_ccr_duration_seconds_count") + 10, value(after, "ocs_ccr_duration_seconds_count"));
            assertEquals(value(after, "ocs_ccr_duration_seconds_count"), value(after, "ocs_ccr_duration_seconds_bucket{le=\"+Inf\"}"));
            assertEquals(0.0, value(after, "ocs_ccr_in_flight"));
            assertEveryDashboardMetricIsExposed(after);
        }
    }

    /** The Grafana dashboard shipped in config/ names only metrics the server exposes. */
    private static void assertEveryDashboardMetricIsExposed(String exposition) throws Exception {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("../config/grafana-ocs.json"));
        Matcher m = Pattern.compile("\\b((?:ocs|jvm)_[a-z_]+)").matcher(dashboard);
        int found = 0;
        while (m.find()) {
            String base = m.group(1).replaceAll("_(total|bucket|sum|count)$", "");
            assertTrue(exposition.contains("# TYPE " + base + " ") || exposition.contains("# TYPE " + base + "_total "),
                    "the dashboard's " + m.group(1) + " is exposed");
            found++;
        }
        assertTrue(found > 10, "the dashboard names " + found + " metrics");
    }

    private static String scrape(TestServer server) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.server.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** The value of the sample named exactly {@code sample} (name and labels as exposed). */
    private static double value(String exposition, String sample) {
        Matcher m = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)", Pattern.MULTILINE).matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}

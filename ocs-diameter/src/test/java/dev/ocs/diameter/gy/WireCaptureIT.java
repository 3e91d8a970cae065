package dev.ocs.diameter.gy;

import dev.ocs.core.domain.SubscriberId;
import dev.ocs.diameter.server.TestServer;
import dev.ocs.diameter.wire.Ccr;
import dev.ocs.diameter.wire.DiameterMessage;
import dev.ocs.diameter.wire.RawGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full session captured on loopback and dissected by Wireshark's Diameter dissector: no frame may
 * be malformed or carry an error-level expert finding. Skipped, saying so, where tshark is absent.
 */
class WireCaptureIT {

    @TempDir
    Path dir;

    private static boolean tsharkAvailable() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void aFullSessionDissectsWithoutMalformedPackets() throws Exception {
        assumeTrue(tsharkAvailable(), "tshark is not installed: the capture check is skipped (.ci/run installs Debian's tshark)");
        try (TestServer server = TestServer.start()) {
            server.core().provisioning().create("wire", List.of(SubscriberId.msisdn("491706660001")), 2_500);
            File pcap = dir.resolve("gy.pcapng").toFile();
            Process capture = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + server.port, "-w", pcap.getPath())
                    .redirectErrorStream(true).start();
            awaitCapturing(capture);
            try (RawGateway gw = new RawGateway(server.port)) {
                assertEquals(2001, gw.capabilities().avp(268).u32());
                String s = "pgw.test.localdomain;wire;1";
                gw.exchange(Ccr.of(s, Ccr.INITIAL, 0, "491706660001", Ccr.mscc(1, true, -1), Ccr.mscc(2, true, -1)));
                gw.exchange(Ccr.of(s, Ccr.UPDATE, 1, null, Ccr.mscc(1, true, 1_000_000), Ccr.mscc(2, true, 10)));
                DiameterMessage fui = gw.exchange(Ccr.of(s, Ccr.UPDATE, 2, null, Ccr.mscc(1, true, 1_000_000)));
                assertNotNull(fui.avp(456).child(430), "the capture includes a Final-Unit-Indication");
                gw.exchange(Ccr.of(s, Ccr.UPDATE, 3, null, Ccr.mscc(1, true, 500_000))); // MSCC 4012: waits for credit
                server.core().provisioning().topUp("wire", 1_000, "wire-topup");
                DiameterMessage rar = gw.next();
                assertEquals(258, rar.command);
                gw.answer(rar); // RAA
                server.core().provisioning().setStatus("wire", dev.ocs.core.domain.AccountStatus.BARRED);
                DiameterMessage asr = gw.next();
                assertEquals(274, asr.command);
                gw.answer(asr); // ASA
                gw.exchange(Ccr.of(s, Ccr.TERMINATION, 4, null, Ccr.mscc(1, false, 0), Ccr.mscc(2, false, 5)));
                server.core().provisioning().setStatus("wire", dev.ocs.core.domain.AccountStatus.ACTIVE);
                gw.exchange(Ccr.of("pgw.test.localdomain;wire;2", Ccr.EVENT, 0, "491706660001", Ccr.units(1, 1_000))
                        .add(DiameterMessage.u32(436, 3)));
                DiameterMessage bad = Ccr.of("pgw.test.localdomain;wire;3", Ccr.INITIAL, 0, "491706660001");
                bad.avps.removeIf(a -> a.code == 416);
                assertEquals(5005, gw.exchange(bad).avp(268).u32());
                gw.watchdog();
            }
            Thread.sleep(500);
            capture.destroy();
            assertTrue(capture.waitFor(20, TimeUnit.SECONDS), "tshark stops");

            String decode = "tcp.port==" + server.port + ",diameter";
            List<String> commands = tshark("-r", pcap.getPath(), "-d", decode, "-Y", "diameter", "-T", "fields",
                    "-e", "diameter.cmd.code");
            assertTrue(commands.contains("257") && commands.contains("272") && commands.contains("280")
                    && commands.contains("258") && commands.contains("274"),
                    "CER, CCR, DWR, RAR/RAA and ASR/ASA were captured: " + commands);
            List<String> bad = tshark("-r", pcap.getPath(), "-d", decode, "-Y",
                    "_ws.malformed || _ws.expert.severity >= \"error\"", "-T", "fields", "-e", "frame.number");
            assertEquals(List.of(), bad, "frames tshark finds malformed or in error");
            // the dissector refuses what it cannot read as Diameter, and shows it as plain data
            List<String> notDiameter = tshark("-r", pcap.getPath(), "-d", decode, "-Y", "tcp.len > 0 && !diameter",
                    "-T", "fields", "-e", "frame.number");
            assertEquals(List.of(), notDiameter, "frames with payload that do not dissect as Diameter");
        }
    }

    private static void awaitCapturing(Process capture) throws IOException, InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.contains("Capturing on")) {
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // tshark ended
                    }
                }, "tshark-drain");
                drain.setDaemon(true);
                drain.start();
                Thread.sleep(300);
                return;
            }
        }
        capture.destroyForcibly();
        fail("tshark did not start capturing");
    }

    private static List<String> tshark(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("tshark");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finishes");
        assertEquals(0, p.exitValue(), "tshark " + command + " failed (a bad filter would otherwise pass silently)");
        return lines;
    }
}

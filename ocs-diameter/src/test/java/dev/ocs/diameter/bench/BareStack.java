package dev.ocs.diameter.bench;

import dev.ocs.core.charging.ChargingService;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.domain.ChargingRequest;
import dev.ocs.core.domain.ChargingResult;
import dev.ocs.core.domain.ResultStatus;
import dev.ocs.core.domain.ServiceResult;
import dev.ocs.core.domain.ServiceStatus;
import dev.ocs.core.domain.ServiceUsage;
import dev.ocs.core.gateway.GatewaySignals;
import dev.ocs.core.management.Counters;
import dev.ocs.core.management.Rejections;
import dev.ocs.diameter.server.DiameterSettings;
import dev.ocs.diameter.server.GyServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The stack's ceiling, for bench/load-bench.sh: the same Gy server (jdiameter, our transport, decoding
 * and encoding) answering every CCR at once with a grant of what was asked, charging nothing and
 * storing nothing. "OCS / bare stack" is then a measured ratio. Bench only: never a server.
 * Usage: BareStack --config ocs.yaml (the diameter section is used)
 */
public final class BareStack {

    private BareStack() {
    }

    /** Grants every asked service its quota (or what it asked), at once. */
    static ChargingService answerer(long quota, long validity) {
        return request -> {
            List<ServiceResult> results = new ArrayList<>(request.services().size());
            for (ServiceUsage u : request.services()) {
                boolean ask = u.quotaRequested() && !(request instanceof ChargingRequest.Terminate);
                results.add(ask ? new ServiceResult(u.ratingGroup(), u.serviceId(), ServiceStatus.GRANTED,
                        u.requestedBytes() > 0 ? Math.min(u.requestedBytes(), quota) : quota, validity, false, 0)
                        : ServiceResult.of(u.ratingGroup(), u.serviceId(), ServiceStatus.ACCEPTED));
            }
            return CompletableFuture.completedFuture(new ChargingResult(ResultStatus.SUCCESS, "", results, 0));
        };
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            throw new IllegalArgumentException("usage: BareStack --config ocs.yaml");
        }
        OcsConfig config = OcsConfig.load(Path.of(args[1]));
        DiameterSettings settings = DiameterSettings.from(config.root());
        GyServer server = GyServer.start(settings, answerer(config.policy().quotaBytes(), config.policy().validitySeconds()),
                config.currency(), config.currencyExponent(), config.policy().maxReportBytes(), new Rejections(),
                new GatewaySignals.Local(), new Counters(), Set.of());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("bare stack running on port " + settings.port() + " (answers without charging)");
        new CountDownLatch(1).await();
    }
}

package dev.ocs.diameter.server;

import dev.ocs.core.charging.ChargingService;
import dev.ocs.core.gateway.GatewaySignals;
import dev.ocs.core.management.Counters;
import dev.ocs.core.management.Rejections;
import dev.ocs.diameter.transport.GatewayRequests;
import dev.ocs.diameter.transport.Admission;
import dev.ocs.diameter.gy.Avps;
import dev.ocs.diameter.gy.CcaEncoder;
import dev.ocs.diameter.gy.CcrDecoder;
import dev.ocs.diameter.transport.FrameRules;
import dev.ocs.diameter.gy.CreditControlListener;
import org.jdiameter.api.ApplicationId;
import org.jdiameter.api.DisconnectCause;
import org.jdiameter.api.Network;
import org.jdiameter.api.Stack;
import org.jdiameter.server.impl.StackImpl;
import org.jdiameter.server.impl.helpers.XMLConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The Diameter side of the server: a jdiameter stack (CER/CEA, DWR/DWA, DPR/DPA are the stack's)
 * with one listener for the credit-control application, advertised as Auth-Application-Id 4 and
 * Vendor-Specific-Application-Id {10415, 4}.
 */
public final class GyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GyServer.class);

    private final Stack stack;

    private GyServer(Stack stack) {
        this.stack = stack;
    }

    /**
     * @param currencyExponent minor units per major unit as a power of ten (Cost-Information's Exponent)
     * @param maxReportBytes   octets one report may carry: more is answered 5004 (charging.max-report-bytes)
     * @param rejections       where refusals are counted (Stats)
     * @param signals          where RAR/ASR for this node's gateways come from (the grid)
     * @param requestCounts    where RAR/ASR outcomes are counted (Stats)
     * @param timedGroups      rating groups priced per second: CC-Time in their units
     */
    public static GyServer start(DiameterSettings settings, ChargingService charging, String currency,
                                 int currencyExponent, long maxReportBytes, Rejections rejections,
                                 GatewaySignals signals, Counters requestCounts, java.util.Set<Long> timedGroups)
            throws Exception {
        Admission admission = new Admission(settings.maxInFlight(), Admission.RESERVE_PERCENT);
        GatewayRequests requests = new GatewayRequests(settings.originHost(), settings.originRealm(), signals,
                requestCounts, settings.messageTimeoutMillis() / 2);
        signals.handle(requests::send);
        FrameRules.register(settings.port(), FrameRules.of(settings, rejections, admission, requests));
        StackImpl stack = new StackImpl();
        String xml = StackConfigXml.of(settings);
        stack.init(new XMLConfiguration(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        CreditControlListener listener = new CreditControlListener(charging, new CcrDecoder(maxReportBytes, settings.singleServiceRatingGroup(), timedGroups),
                new CcaEncoder(settings, currency, currencyExponent, timedGroups),
                admission, rejections);
        Network network = stack.unwrap(Network.class);
        network.addNetworkReqListener(listener,
                ApplicationId.createByAuthAppId(Avps.CREDIT_CONTROL_APPLICATION),
                ApplicationId.createByAuthAppId(Avps.VENDOR_3GPP, Avps.CREDIT_CONTROL_APPLICATION));
        stack.start();
        if (!AcceptingNetworkGuard.listening(settings.port())) {
            stack.destroy();
            throw new IllegalStateException("cannot listen for Diameter on " + settings.host() + ":" + settings.port()
                    + " (is the port taken?)");
        }
        LOG.info("Gy server up: {}:{} as {} / {}", settings.host(), settings.port(), settings.originHost(),
                settings.originRealm());
        return new GyServer(stack);
    }

    /** Sends DPR to connected gateways, then releases the stack. */
    @Override
    public void close() {
        try {
            stack.stop(5, TimeUnit.SECONDS, DisconnectCause.REBOOTING);
        } catch (Exception e) {
            LOG.warn("stopping the Diameter stack: {}", e.toString());
        }
        stack.destroy();
        LOG.info("Gy server stopped");
    }
}

package dev.ocs.diameter.gy;

import dev.ocs.core.charging.ChargingService;
import dev.ocs.core.management.Rejections;
import dev.ocs.diameter.transport.Admission;
import dev.ocs.diameter.transport.RateLimitedLog;
import org.jdiameter.api.Answer;
import org.jdiameter.api.NetworkReqListener;
import org.jdiameter.api.Request;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.api.controller.IPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Receives every CCR the stack delivers. The OCS creates no jdiameter application sessions, so
 * every request of every session arrives here (on the gateway connection's reader: see OrderedPeerFsm). The listener
 * decodes it, hands it to the charging core, and returns at once; the answer is sent from the
 * thread that completes the charge. What {@link Admission} refuses (too many in flight, or a gateway
 * beyond its fair share) is answered 3004 TOO_BUSY at once instead of queueing without bound.
 */
public final class CreditControlListener implements NetworkReqListener {

    private static final Logger LOG = LoggerFactory.getLogger(CreditControlListener.class);
    /** Per-request failures: a gateway that vanishes with thousands of requests pending must not flood the log. */
    private static final RateLimitedLog WARN = new RateLimitedLog(LOG, 20);

    /** The gate of requests that came without a peer (none do; a stack change must not make them unlimited). */
    private static final Object NO_PEER = new Object();

    private final ChargingService charging;
    private final CcrDecoder decoder;
    private final CcaEncoder encoder;
    private final Admission admission;
    private final Rejections rejections;

    public CreditControlListener(ChargingService charging, CcrDecoder decoder, CcaEncoder encoder, Admission admission,
                                 Rejections rejections) {
        this.charging = charging;
        this.decoder = decoder;
        this.encoder = encoder;
        this.admission = admission;
        this.rejections = rejections;
    }

    @Override
    public Answer processRequest(Request request) {
        if (request.getCommandCode() != Avps.CREDIT_CONTROL_COMMAND) {
            return encoder.plain(request, ResultCodes.COMMAND_UNSUPPORTED, "only Credit-Control is served");
        }
        DecodedCcr decoded = decoder.decode(request);
        if (decoded instanceof DecodedCcr.Invalid invalid) {
            rejections.count(Rejections.INVALID_REQUEST);
            if (LOG.isDebugEnabled()) {
                LOG.debug("rejecting CCR: {} ({})", invalid.message(), invalid.resultCode());
            }
            return encoder.error(request, invalid);
        }
        IPeer peer = ((IMessage) request).getPeer();
        Admission.Gate gate = admission.gate(peer != null ? peer.getUri().getFQDN() : NO_PEER);
        if (!admission.tryAdmit(gate)) {
            rejections.count(Rejections.OVERLOADED);
            return encoder.plain(request, ResultCodes.TOO_BUSY, "overloaded");
        }
        DecodedCcr.Valid valid = (DecodedCcr.Valid) decoded;
        try {
            charging.charge(valid.request()).whenComplete((result, failure) -> {
                admission.release(gate);
                Answer answer;
                if (failure == null) {
                    answer = encoder.answer(request, valid, result);
                } else {
                    WARN.warn("charging failed for session {}: {}", valid.request().sessionId(), String.valueOf(failure));
                    LOG.debug("charging failed", failure);
                    answer = failed(request, failure);
                }
                send(request, answer);
            });
        } catch (RuntimeException e) {
            admission.release(gate);
            WARN.warn("charging failed for session {}: {}", valid.request().sessionId(), String.valueOf(e));
            LOG.debug("charging failed", e);
            return failed(request, e);
        }
        return null;
    }

    /** 3004 when another try may succeed (this node cut off, a member lost mid-operation, shutting down), else 5012. */
    private Answer failed(Request request, Throwable failure) {
        return charging.isTransient(failure)
                ? encoder.plain(request, ResultCodes.TOO_BUSY, "not served here now: try another node")
                : encoder.plain(request, ResultCodes.UNABLE_TO_COMPLY, "charging failed");
    }

    private static void send(Request request, Answer answer) {
        IMessage req = (IMessage) request;
        IMessage ans = (IMessage) answer;
        try {
            ans.setPeer(req.getPeer());
            if (req.getPeer() == null || !req.getPeer().sendMessage(ans)) {
                WARN.warn("answer for {} not sent: the gateway's connection is gone", req.getSessionId());
            }
        } catch (Exception e) {
            WARN.warn("answer for {} not sent: {}", req.getSessionId(), e.toString());
        }
    }
}

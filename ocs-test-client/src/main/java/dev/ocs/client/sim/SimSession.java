package dev.ocs.client.sim;

import dev.ocs.client.gy.Answer;
import dev.ocs.client.gy.CcRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulated gateway session, as a state machine without I/O: {@link #next()} says what to send,
 * {@link #onAnswer} takes the answer. CCR-I asks quota for every rating group; each CCR-U reports
 * what was used of the last grant (never more than granted) and asks again; a rating group that got
 * no quota (MSCC 4012, a final grant used up) stops asking; the session terminates after its updates,
 * when no rating group has quota left, or when told to. It keeps what the server should have
 * charged: octets reported in requests the server answered, and whether anything is uncertain
 * (a request timed out or was refused, so the client cannot know what the server did with it).
 */
public final class SimSession {

    public enum State { IDLE, WAIT_INITIAL, ACTIVE, WAIT_UPDATE, WAIT_TERMINATION, DONE }

    private final String sessionId;
    private final String msisdn;
    private final SessionShape shape;
    private final long[] granted;
    private final boolean[] stopped;
    private State state = State.IDLE;
    private long number;
    private int updatesSent;
    private boolean terminateRequested;
    private CcRequest inFlight;
    private long confirmedOctets;
    private boolean uncertain;

    public SimSession(String sessionId, String msisdn, SessionShape shape) {
        this.sessionId = sessionId;
        this.msisdn = msisdn;
        this.shape = shape;
        this.granted = new long[shape.ratingGroups().size()];
        this.stopped = new boolean[granted.length];
    }

    /** The next request to send; only in IDLE or ACTIVE. */
    public CcRequest next() {
        CcRequest r = switch (state) {
            case IDLE -> {
                state = State.WAIT_INITIAL;
                yield request(CcRequest.Type.INITIAL, false, true);
            }
            case ACTIVE -> {
                if (!terminateRequested && updatesSent < shape.updates() && anyAsking()) {
                    updatesSent++;
                    state = State.WAIT_UPDATE;
                    yield request(CcRequest.Type.UPDATE, true, true);
                }
                state = State.WAIT_TERMINATION;
                yield request(CcRequest.Type.TERMINATION, true, false);
            }
            default -> throw new IllegalStateException("session " + sessionId + " cannot send in state " + state);
        };
        inFlight = r;
        return r;
    }

    private CcRequest request(CcRequest.Type type, boolean report, boolean ask) {
        List<Long> rgs = shape.ratingGroups();
        List<CcRequest.Mscc> services = new ArrayList<>(rgs.size());
        for (int i = 0; i < rgs.size(); i++) {
            long used = report ? usage(i) : -1;
            boolean asking = ask && !stopped[i];
            if (asking || used >= 0) {
                services.add(new CcRequest.Mscc(rgs.get(i), asking, used));
            }
        }
        return new CcRequest(sessionId, type, number++, msisdn, services);
    }

    private long usage(int i) {
        long g = granted[i];
        return shape.octetsPerUpdate() == 0 ? g : Math.min(shape.octetsPerUpdate(), g);
    }

    private boolean anyAsking() {
        for (boolean s : stopped) {
            if (!s) {
                return true;
            }
        }
        return false;
    }

    /** Takes the answer to the request in flight; answers the new state. */
    public State onAnswer(Answer a) {
        if (state != State.WAIT_INITIAL && state != State.WAIT_UPDATE && state != State.WAIT_TERMINATION) {
            throw new IllegalStateException("session " + sessionId + " got an answer in state " + state);
        }
        boolean charged = a.resultCode() == 2001 || a.resultCode() == 4012;
        if (!charged) {
            uncertain |= inFlight.reportedOctets() > 0 || state != State.WAIT_INITIAL;
            finish();
            return state;
        }
        confirmedOctets += inFlight.reportedOctets();
        if (state == State.WAIT_TERMINATION || (state == State.WAIT_INITIAL && a.resultCode() != 2001)) {
            finish();
            return state;
        }
        List<Long> rgs = shape.ratingGroups();
        for (int i = 0; i < rgs.size(); i++) {
            Answer.Grant g = a.grant(rgs.get(i));
            long result = g == null ? a.resultCode() : (g.resultCode() < 0 ? a.resultCode() : g.resultCode());
            granted[i] = g != null && result == 2001 ? g.grantedOctets() : 0;
            if (granted[i] == 0) {
                stopped[i] = true;
            }
        }
        if (a.resultCode() == 4012) {
            terminateRequested = true;
        }
        state = State.ACTIVE;
        inFlight = null;
        return state;
    }

    /** The request in flight got no answer in time: what the server did with it is unknown. */
    public void onTimeout() {
        uncertain = true;
        finish();
    }

    /** Makes the next request a CCR-T (end of a load run). */
    public void requestTermination() {
        terminateRequested = true;
    }

    private void finish() {
        state = State.DONE;
        inFlight = null;
    }

    public State state() {
        return state;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Octets reported in requests the server answered as charged (2001 or 4012). */
    public long confirmedOctets() {
        return confirmedOctets;
    }

    public boolean uncertain() {
        return uncertain;
    }

    /** Octets the server holds for this session now: the last grants, until a CCR-T is answered. */
    public long reservedOctets() {
        if (state == State.DONE || state == State.IDLE || state == State.WAIT_INITIAL) {
            return 0;
        }
        long sum = 0;
        for (long g : granted) {
            sum += g;
        }
        return sum;
    }
}

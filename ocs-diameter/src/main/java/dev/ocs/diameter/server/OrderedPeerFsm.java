package dev.ocs.diameter.server;

import org.jdiameter.api.Configuration;
import org.jdiameter.api.OverloadException;
import org.jdiameter.api.app.StateEvent;
import org.jdiameter.client.api.fsm.EventTypes;
import org.jdiameter.client.api.fsm.FsmEvent;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.client.api.io.TransportException;
import org.jdiameter.client.impl.fsm.FsmState;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.impl.fsm.PeerFSMImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * jdiameter's peer state machine, made to process a peer's events in order. The stock machine
 * starts its queue thread(s) asynchronously and decides whether to start them by a counter the
 * threads raise only once running: an event arriving in that window (the CER, then a DWR or CCR
 * right after the CEA) starts a second set of threads, and two threads then race: a request could
 * be handled while the peer still looked DOWN, and was dropped. Here, whoever starts the queue waits
 * until it runs; with one queue thread per peer (PeerFSMThreadCount 1) events stay in order.
 *
 * <p>While the peer is open (OKAY), what the stock machine's queue thread would do with a message in
 * that state is done by the thread that has it, instead of waking the queue thread for it: a request
 * received goes to the application on the connection's reader, and a message to send (the answers)
 * goes to the connection on the thread that sends it. Two thread hand-offs less per request. The
 * connection's send is thread-safe (it queues the bytes for its writer), and one reader per connection
 * keeps a peer's requests in order. Capabilities, watchdog and disconnect messages, timers, and every
 * message in any other state still go through the queue, as does everything when jdiameter's
 * dictionary validation is on (the queue path validates).
 */
final class OrderedPeerFsm extends PeerFSMImpl {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedPeerFsm.class);
    private static final long START_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Whether the machine is in OKAY; written by the queue thread, read by any sender. */
    private volatile boolean open;

    OrderedPeerFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config,
                   IStatisticManager statisticFactory) {
        super(context, concurrentFactory, config, statisticFactory);
        awaitQueueRunning();
    }

    @Override
    protected void switchToNextState(FsmState newState) {
        open = false;
        super.switchToNextState(newState);
        open = newState == FsmState.OKAY;
    }

    @Override
    public boolean handleEvent(StateEvent event) throws InternalError, OverloadException {
        if (open && event instanceof FsmEvent e && !validating()) {
            if (e.getType() == EventTypes.SEND_MSG_EVENT) {
                return send(e);
            }
            if (e.getType() == EventTypes.RECEIVE_MSG_EVENT) {
                return receive(e);
            }
        }
        if (numberOfThreadsRunning.get() > 0) {
            return super.handleEvent(event);
        }
        synchronized (this) {
            boolean handled = super.handleEvent(event); // (re)starts the queue when nothing runs it
            awaitQueueRunning();
            return handled;
        }
    }

    /** Whether jdiameter's dictionary validates messages (it does only when enabled and configured). */
    private boolean validating() {
        return dictionary != null && dictionary.isEnabled() && dictionary.isConfigured();
    }

    /** What the OKAY state does with a message to send, on the sending thread. */
    private boolean send(FsmEvent event) {
        try {
            return context.sendMessage(event.getMessage());
        } catch (TransportException | OverloadException e) { // the connection closed, or the message would not encode
            LOG.debug("cannot send to {}: {}", context.getPeerDescription(), e.toString());
            return false;
        }
    }

    /**
     * What the OKAY state does with a request or answer received (not CER, DWR or DPR: those are events of
     * their own), on the connection's reader: the peer is alive, and the message goes to the application.
     */
    private boolean receive(FsmEvent event) {
        setInActiveTimer();
        try {
            context.receiveMessage(event.getMessage());
        } catch (RuntimeException e) { // the queue thread would log it and go on
            LOG.debug("cannot process a message from {}", context.getPeerDescription(), e);
        }
        return true;
    }

    private void awaitQueueRunning() {
        long deadline = System.nanoTime() + START_WAIT_NANOS;
        while (numberOfThreadsRunning.get() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000);
        }
    }
}

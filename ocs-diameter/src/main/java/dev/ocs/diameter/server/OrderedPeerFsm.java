package dev.ocs.diameter.server;

import org.jdiameter.api.Configuration;
import org.jdiameter.api.OverloadException;
import org.jdiameter.api.app.StateEvent;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.impl.fsm.PeerFSMImpl;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * jdiameter's peer state machine, made to process a peer's events in order. The stock machine
 * starts its queue thread(s) asynchronously and decides whether to start them by a counter the
 * threads raise only once running: an event arriving in that window (the CER, then a DWR or CCR
 * right after the CEA) starts a second set of threads, and two threads then race: a request could
 * be handled while the peer still looked DOWN, and was dropped. Here, whoever starts the queue waits
 * until it runs; with one queue thread per peer (PeerFSMThreadCount 1) events stay in order.
 */
final class OrderedPeerFsm extends PeerFSMImpl {

    private static final long START_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    OrderedPeerFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config,
                   IStatisticManager statisticFactory) {
        super(context, concurrentFactory, config, statisticFactory);
        awaitQueueRunning();
    }

    @Override
    public boolean handleEvent(StateEvent event) throws InternalError, OverloadException {
        if (numberOfThreadsRunning.get() > 0) {
            return super.handleEvent(event);
        }
        synchronized (this) {
            boolean handled = super.handleEvent(event); // (re)starts the queue when nothing runs it
            awaitQueueRunning();
            return handled;
        }
    }

    private void awaitQueueRunning() {
        long deadline = System.nanoTime() + START_WAIT_NANOS;
        while (numberOfThreadsRunning.get() == 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000);
        }
    }
}

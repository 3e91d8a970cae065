package dev.ocs.diameter.server;

import org.jdiameter.api.Configuration;
import org.jdiameter.client.api.IMessage;
import org.jdiameter.client.impl.DictionarySingleton;
import org.jdiameter.client.api.fsm.EventTypes;
import org.jdiameter.client.api.fsm.FsmEvent;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.client.impl.fsm.FsmState;
import org.jdiameter.client.impl.helpers.Parameters;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.common.impl.validation.DictionaryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peer state machine: while a peer is open, its answers leave and its requests arrive on the calling thread, not through the queue. */
class OrderedPeerFsmTest {

    private final ExecutorService queueThreads = Executors.newCachedThreadPool();
    /** The thread of every message the machine handed to the connection. */
    private final LinkedBlockingQueue<Thread> senders = new LinkedBlockingQueue<>();
    /** The thread of every message the machine handed to the application. */
    private final LinkedBlockingQueue<Thread> receivers = new LinkedBlockingQueue<>();

    @BeforeAll
    static void validationOffAsTheStackConfiguresIt() {
        // a stack sets its dictionary's validation from DictionaryEnabled, false by default (ours too); the
        // singleton, before any stack configured it, validates
        ((DictionaryImpl) DictionarySingleton.getDictionary()).setEnabled(false);
    }

    @AfterEach
    void stopQueue() {
        queueThreads.shutdownNow();
    }

    private OrderedPeerFsm machine() {
        IContext context = proxy(IContext.class, (method, args) -> switch (method) {
            case "sendMessage" -> {
                senders.add(Thread.currentThread());
                yield true;
            }
            case "receiveMessage" -> {
                receivers.add(Thread.currentThread());
                yield true;
            }
            case "getPeerDescription" -> "test-peer";
            default -> null;
        });
        Configuration config = proxy(Configuration.class, (method, args) -> switch (method) {
            case "getIntValue" -> (int) args[0] == Parameters.PeerFSMThreadCount.ordinal() ? 1 : args[1];
            case "getLongValue" -> args[1];
            default -> null;
        });
        IConcurrentFactory threads = proxy(IConcurrentFactory.class,
                (method, args) -> method.equals("getThreadPool") ? queueThreads : null);
        IStatisticManager statistics = proxy(IStatisticManager.class, (method, args) -> null);
        return new OrderedPeerFsm(context, threads, config, statistics);
    }

    @Test
    void anAnswerToAnOpenPeerLeavesOnTheThreadThatSendsIt() throws Exception {
        OrderedPeerFsm fsm = machine();
        fsm.switchToNextState(FsmState.OKAY);
        assertTrue(fsm.handleEvent(new FsmEvent(EventTypes.SEND_MSG_EVENT, (IMessage) null)));
        Thread sender = senders.poll();
        assertNotNull(sender, "handed to the connection before handleEvent returned");
        assertEquals(Thread.currentThread(), sender);
    }

    @Test
    void aRequestFromAnOpenPeerGoesToTheApplicationOnTheReadersThread() throws Exception {
        OrderedPeerFsm fsm = machine();
        fsm.switchToNextState(FsmState.OKAY);
        assertTrue(fsm.handleEvent(new FsmEvent(EventTypes.RECEIVE_MSG_EVENT, (IMessage) null)));
        assertEquals(Thread.currentThread(), receivers.poll(), "handed to the application before handleEvent returned");
    }

    @Test
    void aMessageToAPeerNoLongerOpenIsLeftToTheQueueWhichDoesNotSendIt() throws Exception {
        OrderedPeerFsm fsm = machine();
        fsm.switchToNextState(FsmState.OKAY);
        fsm.switchToNextState(FsmState.SUSPECT); // a watchdog went unanswered
        assertTrue(fsm.handleEvent(new FsmEvent(EventTypes.SEND_MSG_EVENT, (IMessage) null)), "queued");
        assertNull(senders.poll(300, TimeUnit.MILLISECONDS), "jdiameter's SUSPECT state sends nothing");
    }

    @FunctionalInterface
    private interface Answers {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answers answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> type.getSimpleName() + " stub";
                };
            }
            Object r = answers.answer(m.getName(), args);
            if (r == null && m.getReturnType() == boolean.class) {
                return false;
            }
            return r;
        }));
    }
}

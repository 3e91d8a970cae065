package dev.ocs.diameter.server;

import org.jdiameter.api.Configuration;
import org.jdiameter.client.api.fsm.IContext;
import org.jdiameter.server.api.IStateMachine;
import org.jdiameter.common.api.concurrent.IConcurrentFactory;
import org.jdiameter.common.api.statistic.IStatisticManager;
import org.jdiameter.server.impl.fsm.FsmFactoryImpl;

/** Gives every peer an {@link OrderedPeerFsm}. Loaded by jdiameter by class name (Extensions/PeerFsmFactory). */
public final class OrderedFsmFactory extends FsmFactoryImpl {

    public OrderedFsmFactory(IStatisticManager statisticFactory) {
        super(statisticFactory);
    }

    @Override
    public IStateMachine createInstanceFsm(IContext context, IConcurrentFactory concurrentFactory, Configuration config) {
        return new OrderedPeerFsm(context, concurrentFactory, config, statisticFactory);
    }
}

package dev.ocs.core.store;

import dev.ocs.core.store.memory.MemoryGrid;

/** A memory grid whose parts a test replaces by overriding (a counting directory, a fake durable store). */
public class DelegatingGrid implements Grid {

    protected final MemoryGrid inner;

    public DelegatingGrid(MemoryGrid inner) {
        this.inner = inner;
    }

    @Override
    public AccountStore accounts() {
        return inner.accounts();
    }

    @Override
    public SubscriberDirectory subscribers() {
        return inner.subscribers();
    }

    @Override
    public SessionDirectory sessions() {
        return inner.sessions();
    }

    @Override
    public Persistence persistence() {
        return inner.persistence();
    }

    @Override
    public dev.ocs.core.gateway.GatewaySignals signals() {
        return inner.signals();
    }

    @Override
    public int members() {
        return 1;
    }

    @Override
    public void close() {
        inner.close();
    }
}

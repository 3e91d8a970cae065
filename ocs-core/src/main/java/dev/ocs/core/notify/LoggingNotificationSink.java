package dev.ocs.core.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every notification to the {@code ocs.notifications} log. */
public final class LoggingNotificationSink implements NotificationSink {

    private static final Logger LOG = LoggerFactory.getLogger("ocs.notifications");

    @Override
    public void accept(AccountNotification n) {
        LOG.info("{} account={} amount={} balance={} reference={}", n.type(), n.accountId(), n.amount(), n.balance(),
                n.reference());
    }
}

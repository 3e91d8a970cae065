package dev.ocs.core.notify;

/**
 * Where account notifications go: JMX, a log, and later an SMS or webhook gateway. Called off the
 * charging path, in ledger order per account; an implementation must not block for long.
 */
@FunctionalInterface
public interface NotificationSink {

    void accept(AccountNotification notification);
}

package dev.ocs.core.management;

import dev.ocs.api.AccountView;
import dev.ocs.api.AccountsMXBean;
import dev.ocs.api.LedgerView;
import dev.ocs.api.ObjectNames;
import dev.ocs.core.OcsCore;
import dev.ocs.core.charging.AccountProvisioning;
import dev.ocs.core.rules.OperatorResult;
import dev.ocs.core.config.OcsConfig;
import dev.ocs.core.domain.Account;
import dev.ocs.core.domain.AccountStatus;
import dev.ocs.core.domain.LedgerRecord;
import dev.ocs.core.domain.SubscriberId;

import dev.ocs.core.notify.AccountNotification;
import dev.ocs.core.notify.NotificationSink;

import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link AccountsMXBean} over the running core. It also emits the account notifications as JMX
 * notifications (types {@code ocs.account.low-balance}, {@code -exhausted}, {@code -low-data},
 * {@code -data-exhausted}, {@code -top-up}, {@code -bundle-purchased}; user data: account id, amount
 * (money, or bundle bytes left for the data types), balance, reference).
 */
public final class Accounts extends NotificationBroadcasterSupport implements AccountsMXBean, NotificationSink {

    private final OcsCore core;
    private final AccountProvisioning provisioning;
    private final AtomicLong sequence = new AtomicLong();
    private final OneAtATime auditRunning = new OneAtATime("listAuditFindings");

    public Accounts(OcsCore core) {
        super(new MBeanNotificationInfo(Arrays.stream(AccountNotification.Type.values()).map(AccountNotification.Type::jmxType)
                .toArray(String[]::new), Notification.class.getName(), "account notifications"));
        this.core = core;
        this.provisioning = core.provisioning();
    }

    @Override
    public void accept(AccountNotification n) {
        Notification jmx = new Notification(n.type().jmxType(), ObjectNames.ACCOUNTS, sequence.incrementAndGet(), n.time(),
                n.type() + " " + n.accountId() + " balance " + n.balance()
                        + (n.type() == AccountNotification.Type.LOW_DATA ? ", bundle bytes left " + n.amount() : ""));
        jmx.setUserData(Map.of("account", n.accountId(), "amount", n.amount(), "balance", n.balance(),
                "reference", n.reference()));
        sendNotification(jmx);
    }

    @Override
    public AccountView createAccount(String accountId, List<String> subscribers, long openingBalance) {
        List<SubscriberId> ids = (subscribers == null ? List.<String>of() : subscribers).stream().map(SubscriberId::parse).toList();
        return Views.account(provisioning.create(accountId, ids, openingBalance));
    }

    @Override
    public AccountView getAccount(String accountId) {
        return Views.account(existing(accountId));
    }

    @Override
    public String findAccount(String subscriber) {
        String id = core.grid().subscribers().accountOf(SubscriberId.parse(subscriber).key()).join();
        if (id == null) {
            throw new IllegalArgumentException("unknown subscriber " + subscriber);
        }
        return id;
    }

    @Override
    public String topUp(String accountId, long amount, String reference) {
        return describe(provisioning.topUp(accountId, amount, reference), accountId);
    }

    @Override
    public String adjust(String accountId, long amount, String reason, String reference) {
        return describe(provisioning.adjust(accountId, amount, reason, reference), accountId);
    }

    @Override
    public String buyBundle(String accountId, String bundle, String reference) {
        OcsConfig.Bundle b = core.config().bundle(bundle);
        if (b == null) {
            throw new IllegalArgumentException("unknown bundle '" + bundle + "'; the catalogue has " + getBundles());
        }
        return describe(provisioning.buyBundle(accountId, b.name(), b.price(), b.bytes(), b.validDays() * 86_400,
                b.ratingGroups(), reference), accountId);
    }

    @Override
    public List<String> getBundles() {
        return core.config().bundles().stream()
                .map(b -> b.name() + ": " + b.bytes() + " bytes for " + b.validDays() + " days at " + b.price()).toList();
    }

    @Override
    public void bar(String accountId) {
        provisioning.setStatus(accountId, AccountStatus.BARRED);
    }

    @Override
    public void unbar(String accountId) {
        provisioning.setStatus(accountId, AccountStatus.ACTIVE);
    }

    @Override
    public List<LedgerView> ledger(String accountId, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be > 0");
        }
        List<LedgerRecord> all = existing(accountId).ledger();
        return all.subList(Math.max(0, all.size() - count), all.size()).stream().map(Views::ledger).toList();
    }

    @Override
    public int getAccountCount() {
        return core.grid().accounts().size();
    }

    @Override
    public void addSubscriber(String accountId, String subscriber) {
        provisioning.addSubscriber(accountId, SubscriberId.parse(subscriber));
    }

    @Override
    public void removeSubscriber(String accountId, String subscriber) {
        provisioning.removeSubscriber(accountId, SubscriberId.parse(subscriber));
    }

    @Override
    public List<String> listSessions(String accountId) {
        return Views.account(existing(accountId)).openSessions();
    }

    @Override
    public String releaseSession(String accountId, String sessionId, String reason) {
        return describe(provisioning.releaseSession(accountId, sessionId, reason), accountId);
    }

    @Override
    public void deleteAccount(String accountId) {
        provisioning.delete(accountId);
    }

    @Override
    public int createAccounts(String prefix, long firstMsisdn, int count, long openingBalance) {
        return provisioning.createRange(prefix, firstMsisdn, count, openingBalance);
    }

    @Override
    public List<String> listAuditFindings() {
        return auditRunning.run(() -> {
            try {
                return core.exporter().exportAndAudit().stream().map(Object::toString).toList();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read the CDR files: " + e.getMessage(), e);
            }
        });
    }

    private Account existing(String accountId) {
        Account a = core.grid().accounts().get(accountId);
        if (a == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        return a;
    }

    private static String describe(OperatorResult r, String accountId) {
        if (r.outcome() == OperatorResult.Outcome.NO_ACCOUNT) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        if (r.outcome() == OperatorResult.Outcome.REJECTED) {
            throw new IllegalArgumentException("rejected: " + r.message());
        }
        return r.outcome() + ": " + r.message() + "; balance " + r.balance();
    }
}

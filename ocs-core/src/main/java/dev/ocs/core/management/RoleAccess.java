package dev.ocs.core.management;

import javax.management.MBeanServer;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Enforces roles on remote JMX calls: a monitor may read attributes, query names, and call the
 * operations in {@link #MONITOR_OPERATIONS}, which read one account or a bounded list and cost a
 * lookup or two; only an operator may call anything else (every change, and the costly reads that
 * walk all accounts or re-read every CDR), set attributes or invoke operations of other MBeans.
 */
final class RoleAccess implements InvocationHandler {

    private static final Set<String> WRITES = Set.of("setAttribute", "setAttributes", "createMBean", "registerMBean",
            "unregisterMBean", "instantiate", "deserialize");

    /** Cheap reads of {@code ocs:type=Accounts}; named one by one, so a new operation is operator-only until listed. */
    static final Set<String> MONITOR_OPERATIONS = Set.of("getAccount", "findAccount", "getBundles", "ledger",
            "getAccountCount", "listSessions");

    private final JmxUsers users;
    private MBeanServer next;

    private RoleAccess(JmxUsers users) {
        this.users = users;
    }

    static MBeanServerForwarder forwarder(JmxUsers users) {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[]{MBeanServerForwarder.class}, new RoleAccess(users));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("getMBeanServer")) {
            return next;
        }
        if (name.equals("setMBeanServer")) {
            next = (MBeanServer) args[0];
            return null;
        }
        boolean write = WRITES.contains(name) || name.equals("invoke") && !monitorMayInvoke(args[0], (String) args[1]);
        if (write && currentRole() != JmxUsers.Role.OPERATOR) {
            throw new SecurityException("the monitor role may not call " + (name.equals("invoke") ? args[1] : name));
        }
        try {
            return method.invoke(next, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean monitorMayInvoke(Object target, String operation) {
        return target instanceof javax.management.ObjectName on && "ocs".equals(on.getDomain())
                && "Accounts".equals(on.getKeyProperty("type")) && on.getKeyPropertyList().size() == 1
                && MONITOR_OPERATIONS.contains(operation);
    }

    private JmxUsers.Role currentRole() {
        Subject subject = Subject.current();
        if (subject == null) {
            return null;
        }
        for (JMXPrincipal p : subject.getPrincipals(JMXPrincipal.class)) {
            JmxUsers.Role role = users.role(p.getName());
            if (role != null) {
                return role;
            }
        }
        return null;
    }
}

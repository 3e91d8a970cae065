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
 * Enforces roles on remote JMX calls, by an explicit list of operations per role: both roles may read
 * attributes and query names; a monitor may invoke the operations in {@link #MONITOR_OPERATIONS}
 * (reads of one account or a bounded list, a lookup or two each), an operator those and the ones in
 * {@link #OPERATOR_OPERATIONS} (every change, and the audit that re-reads every CDR), on
 * {@code ocs:type=Accounts}, and the load client's bulk read on {@code ocs:type=LoadTest}. Nobody may set attributes, create or register MBeans,
 * or invoke the operations of other MBeans remotely (the JVM's: a heap dump writes a file on the server
 * holding every balance, setVMOption changes the running JVM): that is local attach, as the server's
 * own OS user. An operation listed nowhere is refused to everyone, so a new one is closed until listed.
 */
final class RoleAccess implements InvocationHandler {

    private static final Set<String> WRITES = Set.of("setAttribute", "setAttributes", "createMBean", "registerMBean",
            "unregisterMBean", "instantiate", "deserialize");

    /** What a monitor may invoke on {@code ocs:type=Accounts}. */
    static final Set<String> MONITOR_OPERATIONS = Set.of("getAccount", "findAccount", "getBundles", "ledger",
            "getAccountCount", "listSessions");

    /** What an operator may invoke on {@code ocs:type=Accounts}, besides the monitor's. */
    static final Set<String> OPERATOR_OPERATIONS = Set.of("createAccount", "topUp", "adjust", "buyBundle", "bar", "unbar",
            "addSubscriber", "removeSubscriber", "releaseSession", "deleteAccount", "createAccounts", "listAuditFindings");

    /** What an operator may invoke on {@code ocs:type=LoadTest} (the monitor nothing). */
    static final Set<String> LOAD_TEST_OPERATIONS = Set.of("listTotals");

    /** Whether {@code role} may invoke {@code operation} on {@code target}. */
    static boolean mayInvoke(JmxUsers.Role role, Object target, String operation) {
        if (role == null || !(target instanceof javax.management.ObjectName on) || !"ocs".equals(on.getDomain())
                || on.getKeyPropertyList().size() != 1) {
            return false;
        }
        return switch (String.valueOf(on.getKeyProperty("type"))) {
            case "Accounts" -> MONITOR_OPERATIONS.contains(operation)
                    || role == JmxUsers.Role.OPERATOR && OPERATOR_OPERATIONS.contains(operation);
            case "LoadTest" -> role == JmxUsers.Role.OPERATOR && LOAD_TEST_OPERATIONS.contains(operation);
            default -> false;
        };
    }

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
        if (WRITES.contains(name)) {
            throw new SecurityException("no role may call " + name + " remotely");
        }
        if (name.equals("invoke") && !mayInvoke(currentRole(), args[0], (String) args[1])) {
            throw new SecurityException("the " + roleName() + " role may not call " + args[1]);
        }
        try {
            return method.invoke(next, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private String roleName() {
        JmxUsers.Role role = currentRole();
        return role == null ? "anonymous" : role.name().toLowerCase(java.util.Locale.ROOT);
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

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
 * Enforces roles on remote JMX calls: a monitor may read attributes, query, and call the read
 * operations (get*, find*, ledger, list*); only an operator may call anything else or set attributes.
 */
final class RoleAccess implements InvocationHandler {

    private static final Set<String> WRITES = Set.of("setAttribute", "setAttributes", "createMBean", "registerMBean",
            "unregisterMBean", "instantiate", "deserialize");

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
        boolean write = WRITES.contains(name) || name.equals("invoke") && !readOperation((String) args[1]);
        if (write && currentRole() != JmxUsers.Role.OPERATOR) {
            throw new SecurityException("the monitor role may not call " + (name.equals("invoke") ? args[1] : name));
        }
        try {
            return method.invoke(next, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean readOperation(String operation) {
        return operation.startsWith("get") || operation.startsWith("find") || operation.startsWith("list")
                || operation.equals("ledger");
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

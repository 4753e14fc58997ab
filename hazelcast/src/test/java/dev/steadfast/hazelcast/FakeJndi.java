package dev.steadfast.hazelcast;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JNDI provider for tests, chosen with {@code -Djava.naming.factory.initial}: {@code lookup(name)} answers what
 * {@link #BOUND} holds, as a server binds its Hazelcast instance at {@code payara/Hazelcast}.
 */
public final class FakeJndi implements InitialContextFactory {

    static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(FakeJndi.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("lookup") && args.length == 1 && args[0] instanceof String name) {
                        Object found = BOUND.get(name);
                        if (found == null) {
                            throw new NameNotFoundException(name);
                        }
                        return found;
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

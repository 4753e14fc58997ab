package dev.steadfast.impl.cdi;

import dev.steadfast.cdi.InterceptedCall;
import dev.steadfast.engine.Strategy;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.io.Serializable;
import java.lang.reflect.Method;

/**
 * The one Steadfast interceptor. Everything was read, resolved, validated and built at deployment; per call it looks
 * up the prepared strategy chain of the method and runs it: no reflection, no config lookup, no string building.
 * Enabled application-wide by its priority ({@code PLATFORM_AFTER + 10}, or {@code steadfast.interceptor.priority}).
 *
 * <p>It serves managed beans and rest client interfaces alike, so it finds its chains from the invocation, once per
 * interceptor instance, and injects no {@code @Intercepted Bean}: a rest client implementation that creates its
 * interceptors outside any bean (Jersey's, in Payara and Helidon) has none to give.
 */
@SteadfastBinding
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class SteadfastInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SteadfastExtension extension;

    /** The chains of the intercepted bean class or client interface, looked up once per interceptor instance. */
    private transient RestClientInterfaces.Chains chains;

    @AroundInvoke
    Object guard(InvocationContext context) throws Exception {
        RestClientInterfaces.Chains c = chains;
        if (c == null) {
            c = extension.chainsFor(context.getTarget(), context.getMethod());
            chains = c;
        }
        Strategy<Object> chain = c.byMethod().get(context.getMethod());
        if (chain == null) {
            return context.proceed();
        }
        if (!c.client()) {
            return chain.call(new InterceptedCall(context));
        }
        if (context.getMethod().equals(ClientInvocation.PROCEEDING.get())) {
            return context.proceed(); // an outer Steadfast interceptor guards this very call already
        }
        return chain.call(new ClientInvocation(context));
    }

    /**
     * A rest client call: while it proceeds, the thread notes the method, so that a second Steadfast interceptor
     * around the same client (an implementation applying bindings itself, under a {@link GuardedRestClients} wrapper)
     * lets the call through instead of guarding it twice. Restoring the previous value, rather than removing it, keeps
     * the per-call cost at two thread-local writes without allocation.
     */
    private static final class ClientInvocation extends InterceptedCall {

        static final ThreadLocal<Method> PROCEEDING = new ThreadLocal<>();

        ClientInvocation(InvocationContext context) {
            super(context);
        }

        @Override
        public Object proceed() throws Exception {
            Method previous = PROCEEDING.get();
            PROCEEDING.set(context.getMethod());
            try {
                return context.proceed();
            } finally {
                PROCEEDING.set(previous);
            }
        }
    }
}

package dev.steadfast.impl.cdi;

import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Intercepted;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The one Steadfast interceptor. Everything was read, resolved, validated and built at deployment; per call it looks
 * up the prepared strategy chain of the method and runs it: no reflection, no config lookup, no string building.
 * Enabled application-wide by its priority ({@code PLATFORM_AFTER + 10}, or {@code steadfast.interceptor.priority}).
 */
@SteadfastBinding
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class SteadfastInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SteadfastExtension extension;

    @Inject
    @Intercepted
    Bean<?> bean;

    /** The chains of the intercepted bean's class, looked up once per interceptor instance. */
    private transient Map<Method, Strategy<Object>> chains;

    @AroundInvoke
    Object guard(InvocationContext context) throws Exception {
        Map<Method, Strategy<Object>> c = chains;
        if (c == null) {
            c = extension.chainsOf(bean.getBeanClass());
            chains = c;
        }
        Strategy<Object> chain = c.get(context.getMethod());
        if (chain == null) {
            return context.proceed();
        }
        return chain.call(new ContextInvocation(context));
    }

    /** The interceptor's invocation context as the engine sees it. */
    private static final class ContextInvocation implements Invocation<Object> {

        private final InvocationContext context;

        ContextInvocation(InvocationContext context) {
            this.context = context;
        }

        @Override
        public Object proceed() throws Exception {
            return context.proceed();
        }

        @Override
        public Object[] arguments() {
            return context.getParameters();
        }

        @Override
        public Object target() {
            return context.getTarget();
        }
    }
}

package dev.steadfast.cdi;

import dev.steadfast.engine.Invocation;
import jakarta.interceptor.InvocationContext;

import java.util.Objects;

/**
 * An intercepted call as the engine sees it: proceeding proceeds the interceptor's invocation context. Front ends
 * extend it where proceeding does more (a rest client call marking its thread, a MicroProfile call honouring its
 * caller's cancellation).
 */
public class InterceptedCall implements Invocation<Object> {

    /** The interceptor's invocation context of this call. */
    protected final InvocationContext context;

    /** The call that {@code context} intercepts. */
    public InterceptedCall(InvocationContext context) {
        this.context = Objects.requireNonNull(context, "context");
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

package dev.steadfast.benchmarks.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * An interceptor that only proceeds: what any interceptor costs on this container (the invocation context, the
 * interceptor chain), the floor under every interceptor-based library.
 */
@Noop
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class NoopInterceptor {

    @AroundInvoke
    public Object proceed(InvocationContext context) throws Exception {
        return context.proceed();
    }
}

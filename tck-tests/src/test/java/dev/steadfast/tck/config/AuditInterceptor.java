package dev.steadfast.tck.config;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * An application interceptor at priority 4500: after Steadfast's default ({@code PLATFORM_AFTER + 10} = 4010), so
 * inside it and seeing every retry attempt; before a Steadfast moved to 5000, so outside it and seeing one call.
 */
@Audited
@Interceptor
@Priority(4500)
public class AuditInterceptor {

    @Inject
    Counters counters;

    @AroundInvoke
    Object audit(InvocationContext context) throws Exception {
        counters.increment("audited " + context.getMethod().getName());
        return context.proceed();
    }
}

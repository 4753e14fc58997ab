package dev.steadfast.mp;

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
 * The interceptor of the MicroProfile front end. Everything was read, configured, validated and built at deployment;
 * per call it looks up the prepared operation of the method and runs the call through it. Enabled application-wide
 * by its priority ({@code PLATFORM_AFTER + 10}, or {@code mp.fault.tolerance.interceptor.priority}).
 */
@MpGuarded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class MpFaultToleranceInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    MpFaultToleranceExtension extension;

    @Inject
    @Intercepted
    Bean<?> bean;

    /** The operations of the intercepted bean's class, looked up once per interceptor instance. */
    private transient Map<Method, MpOperation> operations;

    @AroundInvoke
    Object guard(InvocationContext context) throws Exception {
        Map<Method, MpOperation> ops = operations;
        if (ops == null) {
            ops = extension.operationsOf(bean.getBeanClass());
            operations = ops;
        }
        MpOperation operation = ops.get(context.getMethod());
        if (operation == null) {
            return context.proceed();
        }
        return operation.invoke(context);
    }
}

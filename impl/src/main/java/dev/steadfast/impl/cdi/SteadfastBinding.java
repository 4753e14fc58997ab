package dev.steadfast.impl.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one interceptor binding of {@link SteadfastInterceptor}. Users never write it: the extension declares every
 * Steadfast annotation an interceptor binding that carries this one (with all members {@code @Nonbinding}), so a method
 * that a Steadfast annotation guards (directly, from its class, or from a stereotype) has it, and one interceptor
 * serves every combination of policies.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SteadfastBinding {

    /** The instance the extension adds. */
    final class Literal extends AnnotationLiteral<SteadfastBinding> implements SteadfastBinding {

        static final Literal INSTANCE = new Literal();

        private static final long serialVersionUID = 1L;
    }
}

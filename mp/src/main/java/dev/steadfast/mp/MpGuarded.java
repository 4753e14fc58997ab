package dev.steadfast.mp;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The interceptor binding {@link MpFaultToleranceExtension} adds to every method that a MicroProfile Fault Tolerance
 * annotation guards. Internal: applications never write it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface MpGuarded {

    /** The binding as a value, for the extension's configurators. */
    final class Literal extends AnnotationLiteral<MpGuarded> implements MpGuarded {

        private static final long serialVersionUID = 1L;

        static final Literal INSTANCE = new Literal();
    }
}

package dev.steadfast.impl.cdi;

import jakarta.enterprise.util.AnnotationLiteral;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the annotated types the extension registers itself. Only those become beans: a copy of a Steadfast class
 * discovered by scanning (an implicit bean archive in some servers) lacks the mark and is vetoed, so the interceptor
 * is never registered twice and no policy runs twice.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Registered {

    /** The instance the extension adds. */
    final class Literal extends AnnotationLiteral<Registered> implements Registered {

        static final Literal INSTANCE = new Literal();

        private static final long serialVersionUID = 1L;
    }
}

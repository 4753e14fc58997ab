package dev.steadfast.console;

import jakarta.enterprise.util.AnnotationLiteral;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the console's types as {@link ConsoleExtension} registers them. A copy discovered by scanning (the jar is an
 * implicit bean archive in some servers) lacks the mark and is vetoed, so each console bean exists once.
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

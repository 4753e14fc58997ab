package dev.steadfast.mp;

import jakarta.enterprise.util.AnnotationLiteral;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Marks the one copy of the interceptor the extension registers itself, so that a second, discovered copy (an
 * implicit bean archive in some servers) can be vetoed; with both, every policy would run twice.
 */
@Retention(RetentionPolicy.RUNTIME)
@interface MpRegistered {

    final class Literal extends AnnotationLiteral<MpRegistered> implements MpRegistered {

        private static final long serialVersionUID = 1L;

        static final Literal INSTANCE = new Literal();
    }
}

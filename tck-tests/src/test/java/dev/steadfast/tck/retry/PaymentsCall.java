package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.inject.Stereotype;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A reusable, named policy set: two retries on I/O failures. */
@Stereotype
@Retry(maxRetries = 2, retryOn = IOException.class)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PaymentsCall {
}

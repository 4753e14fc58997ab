package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.inject.Stereotype;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Stereotype
@Retry(maxRetries = 10)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PatientRetries {
}

package dev.steadfast;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method body on the asynchronous executor; the caller gets a {@code CompletionStage} at once.
 *
 * <p>The method must return {@code CompletionStage<T>} or {@code CompletableFuture<T>}, else the deployment fails.
 * The executor is a CDI bean implementing {@link dev.steadfast.spi.AsyncExecutorProvider} where one exists, else the
 * container's default {@code ManagedExecutorService}, else virtual threads on Java 21+, else a bounded pool.
 * Cancelling the returned future interrupts the running body.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Asynchronous {
}

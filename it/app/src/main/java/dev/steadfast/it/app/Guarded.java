package dev.steadfast.it.app;

/**
 * The guarded operations of the test application, implemented once by a CDI bean ({@link PricingBean}) and once by
 * an EJB session bean (in the WAR), each with the same Steadfast annotations. Every operation counts its own
 * invocations in the {@link Ledger} under the key it is given, so a test sees how often the method body ran.
 */
public interface Guarded {

    /** {@code "cdi"} or {@code "ejb"}: the name the HTTP resource serves this bean under. */
    String kind();

    /** Retried: fails {@code failures} times, then answers {@code ok after N attempts}. */
    String flaky(String key, int failures);

    /** Retried twice, always fails: the caller gets a {@code RetryExhaustedException} after 3 attempts. */
    String exhaust(String key);

    /** Not retried by its annotation; the test application's config raises it to 4 retries. */
    String overridden(String key);

    /** Behind the circuit breaker named {@code backend}, shared by every implementation. */
    String backend(String key, boolean fail);

    /** Behind a 200 ms timeout, sleeps up to 30 s. */
    String slow(String key);

    /** Retried once, then falls back to {@code cached:<key>}. */
    String quote(String key);

    /** Behind a bulkhead of 2, parks in the named {@link Gates gate} until it opens. */
    String held(String gate);
}

package dev.steadfast.it.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Guarded by the server's own MicroProfile Fault Tolerance only, to prove it keeps working beside Steadfast and that
 * neither sees the other's annotations or config keys.
 */
@ApplicationScoped
public class ServerFaultToleranceBean {

    @Inject
    Ledger ledger;

    @Retry(maxRetries = 2, retryOn = TransientFailure.class)
    public String flaky(String key, int failures) {
        int attempt = ledger.touch(key);
        if (attempt <= failures) {
            throw new TransientFailure("attempt " + attempt + " of " + key + " fails");
        }
        return "ok after " + attempt + " attempts";
    }

    /** Retried once by its annotation; the application's config raises it to 3 with MicroProfile's own key. */
    @Retry(maxRetries = 1, retryOn = TransientFailure.class)
    public String exhaust(String key) {
        throw new TransientFailure("attempt " + ledger.touch(key) + " of " + key + " fails");
    }
}

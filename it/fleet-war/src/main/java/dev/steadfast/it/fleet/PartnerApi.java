package dev.steadfast.it.fleet;

import dev.steadfast.RateLimit;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;

/** The guarded method: every instance of the application shares one quota of {@value #QUOTA} calls per second. */
@ApplicationScoped
public class PartnerApi {

    /** Calls admitted per one-second window by the whole fleet. */
    public static final int QUOTA = 40;

    /** The limiter's registry name. */
    public static final String LIMITER = "fleet-quota";

    @RateLimit(name = LIMITER, value = QUOTA, scope = Scope.CLUSTER)
    public void call() {
        // the partner's answer does not matter here: being admitted is the whole point
    }
}

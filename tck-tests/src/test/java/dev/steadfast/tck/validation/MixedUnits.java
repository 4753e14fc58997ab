package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

import java.time.temporal.ChronoUnit;

/** A one-second delay within a 500 ms budget. */
@Dependent
public class MixedUnits {

    @Retry(delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 500)
    public String fetch() {
        return "x";
    }
}

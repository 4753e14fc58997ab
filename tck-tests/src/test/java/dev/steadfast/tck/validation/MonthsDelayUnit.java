package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

import java.time.temporal.ChronoUnit;

@Dependent
public class MonthsDelayUnit {

    @Retry(delay = 1, delayUnit = ChronoUnit.MONTHS)
    public String fetch() {
        return "x";
    }
}

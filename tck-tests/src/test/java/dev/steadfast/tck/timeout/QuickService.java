package dev.steadfast.tck.timeout;

import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

/** A fast method with a generous timeout: every call schedules a deadline and cancels it. */
@ApplicationScoped
public class QuickService {

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public int twice(int i) {
        return 2 * i;
    }
}

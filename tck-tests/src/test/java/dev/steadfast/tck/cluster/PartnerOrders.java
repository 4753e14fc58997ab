package dev.steadfast.tck.cluster;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

@ApplicationScoped
public class PartnerOrders {

    @RateLimit(name = "partner", value = 3, window = 1, windowUnit = ChronoUnit.HOURS)
    public String order() {
        return "order";
    }
}

package dev.steadfast.tck.cluster;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

@ApplicationScoped
public class PartnerRefunds {

    @RateLimit(name = "partner", value = 5, window = 1, windowUnit = ChronoUnit.HOURS)
    public String refund() {
        return "refund";
    }
}

package dev.steadfast.tck.fallback;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

/** Its fallback method is an interface default method. */
@ApplicationScoped
public class PriceService implements LastKnownPrices {

    @Fallback(fallbackMethod = "lastKnown")
    public String price(String sku) {
        throw new IllegalStateException("pricing offline");
    }
}

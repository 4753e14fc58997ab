package dev.steadfast.tck.fallback;

/** A default method that serves as a fallback for the beans that implement it. */
public interface LastKnownPrices {

    default String lastKnown(String sku) {
        return "last known price of " + sku;
    }
}

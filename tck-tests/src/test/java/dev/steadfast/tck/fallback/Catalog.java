package dev.steadfast.tck.fallback;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

/** Its fallback method is private, in the superclass. */
@ApplicationScoped
public class Catalog extends BaseCatalog {

    @Fallback(fallbackMethod = "fromShelf")
    public String find(String id) {
        throw new IllegalStateException("catalog offline");
    }
}

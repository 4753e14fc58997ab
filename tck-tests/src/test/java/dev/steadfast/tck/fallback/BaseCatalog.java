package dev.steadfast.tck.fallback;

/** Not a bean: holds a private fallback method for its subclasses. */
public abstract class BaseCatalog {

    private String fromShelf(String id) {
        return "shelf copy of " + id;
    }
}

package dev.steadfast.spi.cluster;

/**
 * The answer to a lease or a take.
 *
 * @param granted   permits granted to the asking member, 0 or more
 * @param remaining permits the store could still grant now (in that window, or in the bucket) after this grant; 0
 *                  tells the member that the quota is used up for now
 */
public record Grant(int granted, long remaining) implements java.io.Serializable {

    /** Checks that neither count is negative. */
    public Grant {
        if (granted < 0 || remaining < 0) {
            throw new IllegalArgumentException("a grant cannot be negative: granted " + granted + ", remaining "
                    + remaining);
        }
    }
}

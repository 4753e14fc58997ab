package dev.steadfast.engine.cluster;

/**
 * A member's recent demand on a fleet-wide limit, in calls asked per nanosecond: the attempts counted since the last
 * reading over the time since then, smoothed half and half with the previous estimate. Confined to the exchange's
 * worker, which takes a reading every tick; what {@link LeaseSizing} sizes leases by.
 */
final class DemandRate {

    private double perNano;
    private long lastAttempts;
    private long lastSample;

    DemandRate(long now) {
        this.lastSample = now;
    }

    /**
     * Takes a reading of the attempts counted so far at {@code now}.
     *
     * @param tickNanos the worker's interval: demand seen while the clock stood still (a burst within one reading) has
     *                  no time to divide by, so it is taken to have come within one tick
     * @return whether any attempt was counted since the last reading
     */
    boolean sample(long attempts, long now, long tickNanos) {
        boolean moved = attempts != lastAttempts;
        long dt = now - lastSample;
        if (dt > 0) {
            double instant = (double) (attempts - lastAttempts) / dt;
            perNano = perNano == 0 ? instant : 0.5 * perNano + 0.5 * instant;
            lastSample = now;
            lastAttempts = attempts;
        } else if (attempts > lastAttempts) {
            perNano = Math.max(perNano, (double) (attempts - lastAttempts) / tickNanos);
        }
        return moved;
    }

    /** The estimate: calls asked per nanosecond. */
    double perNano() {
        return perNano;
    }
}

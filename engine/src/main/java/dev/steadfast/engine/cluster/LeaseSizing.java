package dev.steadfast.engine.cluster;

/**
 * How many permits a member leases from the fleet, and when: enough to cover twice the time a refill takes at the
 * member's recent rate (so it refills ahead of need), never more than its fair share of what the fleet has left
 * (half of it divided among the members, so that a quota nearly used up is handed out in ever smaller chunks and no
 * member strands much of it), at least one. Pure.
 */
final class LeaseSizing {

    private LeaseSizing() {
    }

    /**
     * @param ratePerNano  the member's recent demand (calls asked per nanosecond)
     * @param horizonNanos how long a refill takes to arrive
     * @param fleetLeft    what the fleet has left to lease (the limit, when not known)
     * @param members      live members, at least 1
     * @param limit        the quota
     * @return permits to ask for, at least 1
     */
    static int want(double ratePerNano, long horizonNanos, long fleetLeft, int members, int limit) {
        double need = up(ratePerNano * horizonNanos * 2);
        long fair = Math.max(1, fleetLeft / (2L * Math.max(1, members)));
        double want = Math.min(Math.min(need, fair), limit);
        return (int) Math.max(1, want);
    }

    /** Rounds up, ignoring the last bits of floating-point noise (20.000000000000004 is 20). */
    private static double up(double x) {
        return Math.ceil(x - 1e-9);
    }

    /** Below how many permits held a member refills: what it spends while a refill is on its way, at least 1. */
    static int lowWater(double ratePerNano, long horizonNanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, up(ratePerNano * horizonNanos)));
    }

    /**
     * Permits a member holds beyond what it will spend before its window ends at its recent rate (with half again as
     * much to spare, and one): what it gives back when the fleet has run out.
     */
    static long surplus(long held, double ratePerNano, long nanosLeft) {
        double keep = up(ratePerNano * Math.max(0, nanosLeft) * 1.5) + 1;
        return keep >= held ? 0 : held - (long) keep;
    }
}

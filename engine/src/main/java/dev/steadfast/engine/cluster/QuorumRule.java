package dev.steadfast.engine.cluster;

import java.util.Collection;

/**
 * When the fleet's windows open every member of a fleet-wide breaker: the summed recent windows of the members cross
 * the breaker's failure ratio over at least {@code requestVolumeThreshold} calls, <b>and</b> at least {@code quorum}
 * members are failing, a member failing when its own recent calls fail at the breaker's ratio (a stray failure among
 * successes does not make a member failing). The default quorum is a majority of the members that called in the
 * window, at least 2, so one sick member (or one bad network path) can never open the fleet, however many calls it
 * makes. Pure.
 */
final class QuorumRule {

    private QuorumRule() {
    }

    /** One member's recent window. */
    record Window(String member, int calls, int failures) {
    }

    /**
     * What the rule found.
     *
     * @param opens    whether the fleet should open
     * @param calls    calls in the summed windows
     * @param failures failures among them
     * @param callers  members that called
     * @param failing  members failing at the ratio
     * @param quorum   the quorum that applied
     */
    record Verdict(boolean opens, long calls, long failures, int callers, int failing, int quorum) {

        @Override
        public String toString() {
            return failures + " failures in " + calls + " calls of " + callers + " members, " + failing
                    + " failing (quorum " + quorum + ")";
        }
    }

    /**
     * @param windows the members' recent windows, this member's included
     * @param ratio   the breaker's failure ratio
     * @param volume  the breaker's {@code requestVolumeThreshold}
     * @param quorum  the breaker's {@code quorum}; 0 for the default
     */
    static Verdict judge(Collection<Window> windows, double ratio, int volume, int quorum) {
        long calls = 0;
        long failures = 0;
        int callers = 0;
        int failing = 0;
        for (Window w : windows) {
            if (w.calls() <= 0) {
                continue;
            }
            callers++;
            calls += w.calls();
            failures += w.failures();
            if (w.failures() > 0 && (double) w.failures() / w.calls() >= ratio) {
                failing++;
            }
        }
        int q = quorum > 0 ? quorum : Math.max(2, callers / 2 + 1);
        boolean opens = calls >= volume && failures > 0 && (double) failures / calls >= ratio && failing >= q;
        return new Verdict(opens, calls, failures, callers, failing, q);
    }
}

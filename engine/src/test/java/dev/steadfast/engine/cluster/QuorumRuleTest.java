package dev.steadfast.engine.cluster;

import dev.steadfast.engine.cluster.QuorumRule.Window;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule that opens a fleet, on its own. */
class QuorumRuleTest {

    @Test
    void oneSickMemberIsNeverAQuorumWhateverItsVolume() {
        QuorumRule.Verdict v = QuorumRule.judge(List.of(new Window("a", 1000, 1000), new Window("b", 20, 0),
                new Window("c", 20, 0)), 0.5, 20, 0);
        assertFalse(v.opens(), v.toString());
        assertEquals(1, v.failing());
        assertEquals(2, v.quorum());
    }

    @Test
    void failuresFromAMajorityOverTheVolumeAtTheRatioOpen() {
        assertTrue(QuorumRule.judge(List.of(new Window("a", 10, 10), new Window("b", 10, 10), new Window("c", 10, 0)),
                0.5, 30, 0).opens());
    }

    @Test
    void belowTheVolumeNothingOpens() {
        assertFalse(QuorumRule.judge(List.of(new Window("a", 10, 10), new Window("b", 9, 9)), 0.5, 20, 0).opens());
    }

    @Test
    void belowTheRatioNothingOpens() {
        assertFalse(QuorumRule.judge(List.of(new Window("a", 10, 6), new Window("b", 10, 6), new Window("c", 10, 0)),
                0.5, 20, 0).opens(), "12 of 30");
    }

    @Test
    void aStrayFailureAmongSuccessesDoesNotMakeAMemberFailing() {
        QuorumRule.Verdict v = QuorumRule.judge(List.of(new Window("a", 10, 10), new Window("b", 10, 1),
                new Window("c", 10, 1)), 0.3, 30, 0);
        assertEquals(1, v.failing());
        assertFalse(v.opens(), "12 of 30 cross 0.3, but only one member fails at that ratio");
    }

    @Test
    void theDefaultQuorumIsAMajorityOfTheMembersThatCalledAtLeastTwo() {
        assertEquals(2, QuorumRule.judge(List.of(new Window("a", 1, 1)), 0.5, 1, 0).quorum());
        assertEquals(2, QuorumRule.judge(List.of(new Window("a", 1, 1), new Window("b", 1, 0),
                new Window("c", 1, 0)), 0.5, 1, 0).quorum());
        assertEquals(3, QuorumRule.judge(List.of(new Window("a", 1, 1), new Window("b", 1, 0), new Window("c", 1, 0),
                new Window("d", 1, 0), new Window("e", 0, 0)), 0.5, 1, 0).quorum(), "e did not call");
    }

    @Test
    void aConfiguredQuorumReplacesTheMajority() {
        List<Window> two = List.of(new Window("a", 10, 10), new Window("b", 10, 10), new Window("c", 10, 0),
                new Window("d", 10, 0), new Window("e", 10, 10));
        assertTrue(QuorumRule.judge(two, 0.5, 50, 3).opens());
        assertFalse(QuorumRule.judge(two, 0.5, 50, 4).opens());
        assertTrue(QuorumRule.judge(List.of(new Window("a", 30, 30), new Window("b", 30, 0)), 0.5, 20, 1).opens(),
                "a quorum of 1 lets one member open the fleet");
    }
}

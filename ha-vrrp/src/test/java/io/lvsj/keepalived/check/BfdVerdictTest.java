package io.lvsj.keepalived.check;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A BFD session's reports made into a BFD_CHECK's verdicts, as keepalived's bfd_check_handle_event does. */
class BfdVerdictTest {

    @Test
    void startsUpOrWithAlphaDownAndNotRun() {
        assertTrue(BfdVerdict.initial(false).up());
        assertFalse(BfdVerdict.initial(true).up());
        assertFalse(BfdVerdict.initial(false).hasRun());
        assertFalse(BfdVerdict.initial(true).hasRun());
    }

    @Test
    void theFirstReportCountsEvenWhenItSaysWhatTheCheckerAlreadySays() {
        // keepalived's BFD process reports Down at its start: the server that started up goes down
        Step down = BfdVerdict.next(BfdVerdict.initial(false), false).orElseThrow();
        assertEquals(Step.Verdict.DOWN, down.verdict());
        assertFalse(down.state().up());
        assertTrue(down.state().hasRun());
        // with alpha it was down already: still a verdict (it confirms the server, running notify_down)
        Step confirmed = BfdVerdict.next(BfdVerdict.initial(true), false).orElseThrow();
        assertEquals(Step.Verdict.DOWN, confirmed.verdict());
        assertTrue(confirmed.state().hasRun());
        Step up = BfdVerdict.next(BfdVerdict.initial(true), true).orElseThrow();
        assertEquals(Step.Verdict.UP, up.verdict());
        assertTrue(up.state().up());
    }

    @Test
    void aReportOfWhatAnAlreadyRunCheckerSaysIsNothing() {
        CheckerState up = BfdVerdict.next(BfdVerdict.initial(true), true).orElseThrow().state();
        assertEquals(Optional.empty(), BfdVerdict.next(up, true));
        Step down = BfdVerdict.next(up, false).orElseThrow();
        assertEquals(Step.Verdict.DOWN, down.verdict());
        assertEquals(Optional.empty(), BfdVerdict.next(down.state(), false));
        assertEquals(Step.Verdict.UP, BfdVerdict.next(down.state(), true).orElseThrow().verdict());
    }

    @Test
    void twoChecksOfTheSameSessionAreTheSameCheckerWhateverTheirAlpha() {
        // compare_bfd_check: the name only, so a reload that changes alpha keeps the checker's state
        assertEquals(new CheckSpec.Bfd("s1", false), new CheckSpec.Bfd("s1", true));
        assertEquals(new CheckSpec.Bfd("s1", false).hashCode(), new CheckSpec.Bfd("s1", true).hashCode());
        assertFalse(new CheckSpec.Bfd("s1", false).equals(new CheckSpec.Bfd("s2", false)));
        assertEquals("BFD_CHECK", new CheckSpec.Bfd("s1", false).keyword());
    }
}

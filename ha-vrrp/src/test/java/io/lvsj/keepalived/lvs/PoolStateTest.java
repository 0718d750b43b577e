package io.lvsj.keepalived.lvs;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Step;
import io.lvsj.keepalived.check.net.Endpoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.lvsj.keepalived.lvs.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolStateTest {
    static final CheckTiming TIMING = CheckTiming.every(Duration.ofSeconds(1));

    static CheckSpec.Tcp tcp(java.net.InetAddress a) {
        return new CheckSpec.Tcp(Endpoint.of(a, 80), TIMING);
    }

    static RealServerSpec rs(java.net.InetAddress a, CheckSpec... checks) {
        return RealServerSpec.of(a, 80, Forwarding.NAT, checks);
    }

    static PoolState start(VirtualServerSpec... vs) {
        return PoolState.start(List.of(vs), ref -> CheckerState.initial(
                ref.spec() instanceof CheckSpec.Scheduled s && s.timing().alpha(), 1));
    }

    static CheckerRef ref(VirtualServerSpec vs, RealServerSpec rs, int check) {
        return PoolState.refs(vs.id(), rs).get(check);
    }

    static Step down() {
        return new Step(new CheckerState(false, true, 0, 0, -1, 0), Duration.ofSeconds(1), Step.Verdict.DOWN);
    }

    static Step up() {
        return new Step(new CheckerState(true, true, 0, 0, -1, 0), Duration.ofSeconds(1), Step.Verdict.UP);
    }

    @Test
    void aServerIsAliveWhileAllItsCheckersAre() {
        RealServerSpec a = rs(RS1, tcp(RS1), tcp(RS2));
        VirtualServerSpec vs = web(a);
        PoolState pool = start(vs);
        assertTrue(pool.health(vs.id()).of(a.key()).alive());
        PoolState.Change first = pool.onStep(ref(vs, a, 0), down());
        assertEquals(List.of(new LvsEvent.RealServerChanged(vs, a, false, false)), first.events().subList(0, 1));
        assertEquals(Optional.of(vs.id()), first.dirty());
        assertEquals(Optional.empty(), first.only(), "the quorum was lost: the whole virtual server may change");
        PoolState.Change second = pool.onStep(ref(vs, a, 1), down(), Optional.of("Connection refused"));
        assertEquals(List.of(new LvsEvent.CheckerFlipped(vs, a, a.checks().get(1), false, false, false,
                        Optional.of("Connection refused"))), second.events(),
                "already down: only the checker's own change (with why, for its mail), which keepalived mails unless"
                        + " no_checker_emails");
        pool.onStep(ref(vs, a, 0), up());
        assertFalse(pool.health(vs.id()).of(a.key()).alive(), "one checker is still down");
        PoolState.Change back = pool.onStep(ref(vs, a, 1), up(), Optional.of("a failure before"));
        assertEquals(new LvsEvent.RealServerChanged(vs, a, true, false), back.events().getFirst());
        assertEquals(new LvsEvent.CheckerFlipped(vs, a, a.checks().get(1), true, false, true), back.events().getLast(),
                "a checker going up mails no failure");
    }

    @Test
    void alphaServersStartDownAndAFirstFailureNotifies() {
        CheckSpec.Tcp alpha = new CheckSpec.Tcp(Endpoint.of(RS1, 80), TIMING.withAlpha(true));
        RealServerSpec a = rs(RS1, alpha);
        VirtualServerSpec vs = web(a);
        PoolState pool = start(vs);
        assertFalse(pool.health(vs.id()).of(a.key()).alive());
        PoolState.Change c = pool.onStep(ref(vs, a, 0), down());
        assertEquals(List.of(new LvsEvent.RealServerConfirmed(vs, a, false)), c.events());
        assertEquals(Optional.empty(), c.dirty());
    }

    @Test
    void quorumIsLostAndGainedWithHysteresis() {
        RealServerSpec a = rs(RS1, tcp(RS1));
        RealServerSpec b = rs(RS2, tcp(RS2));
        RealServerSpec c = rs(RS3, tcp(RS3));
        RealServerSpec d = rs(SORRY, tcp(SORRY));
        VirtualServerSpec vs = web(a, b, c, d).withQuorum(3, 1)
                .withSorryServer(Optional.of(new SorryServerSpec(ip("198.51.100.200"), 80, Forwarding.NAT, false)));
        PoolState pool = start(vs);
        assertTrue(pool.health(vs.id()).quorumUp(), "4 >= quorum + hysteresis");
        PoolState.Change oneDown = pool.onStep(ref(vs, a, 0), down());
        assertTrue(quorumEvents(oneDown).isEmpty());
        assertEquals(Optional.of(a.key()), oneDown.only(), "only a's entries can change");
        assertTrue(quorumEvents(pool.onStep(ref(vs, b, 0), down())).isEmpty(), "2 is not below quorum - hysteresis");
        List<LvsEvent> lost = pool.onStep(ref(vs, c, 0), down()).events();
        assertEquals(new LvsEvent.QuorumChanged(vs, false, 2, 1, false), lost.get(lost.size() - 2));
        assertEquals(new LvsEvent.CheckerFlipped(vs, c, c.checks().getFirst(), false, true, false), lost.getLast(),
                "the checker's change comes last, as keepalived mails it after the quorum's");
        List<LvsEvent> back = pool.onStep(ref(vs, a, 0), up()).events();
        assertEquals(new LvsEvent.RealServerChanged(vs, a, true, true), back.getFirst(), "parked behind the sorry server");
        assertTrue(quorumEvents(pool.onStep(ref(vs, b, 0), up())).isEmpty(), "3 < quorum + hysteresis");
        assertEquals(List.of(new LvsEvent.QuorumChanged(vs, true, 4, 4, false)), quorumEvents(pool.onStep(ref(vs, c, 0), up())));
    }

    static List<LvsEvent> quorumEvents(PoolState.Change c) {
        return c.events().stream().filter(e -> e instanceof LvsEvent.QuorumChanged).toList();
    }

    @Test
    void startingWithoutQuorumNotifiesWhenASorryServerTakesOver() {
        CheckSpec.Tcp alpha = new CheckSpec.Tcp(Endpoint.of(RS1, 80), TIMING.withAlpha(true));
        RealServerSpec a = rs(RS1, alpha);
        VirtualServerSpec vs = web(a).withSorryServer(Optional.of(new SorryServerSpec(SORRY, 80, Forwarding.NAT, false)));
        PoolState pool = start(vs);
        assertEquals(List.of(new LvsEvent.QuorumChanged(vs, false, 1, 0, true)), pool.startEvents());
        assertEquals(List.of(), start(web(a)).startEvents(), "no sorry server: nothing to say");
    }

    @Test
    void dynamicWeightChangesTheServersWeightAndTheQuorum() {
        CheckSpec.Misc misc = new CheckSpec.Misc(List.of("/bin/true"), Optional.empty(), Duration.ofSeconds(1), true, TIMING);
        RealServerSpec a = rs(RS1, misc).withWeight(2);
        VirtualServerSpec vs = web(a).withQuorum(3, 0);
        PoolState pool = start(vs);
        assertFalse(pool.health(vs.id()).quorumUp(), "weight 2 < quorum 3");
        Step heavier = new Step(new CheckerState(true, true, 0, 0, -1, 4), Duration.ofSeconds(1), Step.Verdict.NONE);
        List<LvsEvent> events = pool.onStep(ref(vs, a, 0), heavier).events();
        assertEquals(new LvsEvent.WeightChanged(vs, a, 2, 6, true), events.getFirst());
        assertInstanceOf(LvsEvent.QuorumChanged.class, events.getLast());
        assertEquals(6, pool.health(vs.id()).of(a.key()).weight());
    }

    @Test
    void reloadKeepsUnchangedCheckersAndReportsRemovals() {
        CheckSpec.Tcp checkA = tcp(RS1);
        RealServerSpec a = rs(RS1, checkA);
        RealServerSpec b = rs(RS2, tcp(RS2));
        VirtualServerSpec vs = web(a, b);
        PoolState pool = start(vs);
        pool.onStep(ref(vs, a, 0), down());
        RealServerSpec c = rs(RS3, tcp(RS3));
        VirtualServerSpec next = web(a.withWeight(5), c);
        PoolState.Reload r = pool.reload(List.of(next), ref -> CheckerState.initial(false, 1));
        assertEquals(List.of(new LvsEvent.RealServerRemoved(vs, b, true, false)), r.events());
        assertEquals(List.of(ref(next, a, 0)), r.kept(), "a's check is unchanged, so it keeps running");
        assertFalse(r.state().health(next.id()).of(a.key()).alive(), "a stays down");
        assertTrue(r.state().health(next.id()).of(c.key()).alive(), "a new server starts up");
        assertEquals(5, r.state().health(next.id()).of(a.key()).weight());
    }

    @Test
    void reloadRemovingAVirtualServer() {
        RealServerSpec a = rs(RS1, tcp(RS1));
        VirtualServerSpec vs = web(a);
        PoolState.Reload r = start(vs).reload(List.of(), ref -> CheckerState.initial(false, 1));
        assertEquals(List.of(new LvsEvent.RealServerRemoved(vs, a, true, false),
                new LvsEvent.VirtualServerRemoved(vs, true, false)), r.events());
        assertEquals(List.of(), r.state().config());
    }

    @Test
    void aChangedCheckerStartsAfresh() {
        RealServerSpec a = rs(RS1, tcp(RS1));
        VirtualServerSpec vs = web(a);
        PoolState pool = start(vs);
        pool.onStep(ref(vs, a, 0), down());
        CheckSpec.Tcp changed = new CheckSpec.Tcp(Endpoint.of(RS1, 81), TIMING);
        VirtualServerSpec next = web(rs(RS1, changed));
        PoolState.Reload r = pool.reload(List.of(next), ref -> CheckerState.initial(false, 1));
        assertEquals(List.of(), r.kept());
        assertTrue(r.state().health(next.id()).of(a.key()).alive(), "a new checker starts up (no alpha)");
    }
}

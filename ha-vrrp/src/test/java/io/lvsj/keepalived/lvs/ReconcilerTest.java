package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.lvsj.keepalived.lvs.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcilerTest {
    static final ServiceKey OTHER = ServiceKey.tcp(ip("192.0.2.200"), 25);
    static final Destination D1 = Destination.of(RS1, 80, ForwardingMethod.MASQ);
    static final Destination D2 = Destination.of(RS2, 80, ForwardingMethod.MASQ);
    static final Destination D3 = Destination.of(RS3, 80, ForwardingMethod.MASQ);

    final FakeIpvs kernel = new FakeIpvs();
    final AtomicLong now = new AtomicLong();
    final Reconciler reconciler = new Reconciler(kernel, now::get);

    static IpvsTable web(Destination... d) {
        return IpvsTable.builder().add(Service.of(WEB, "wlc"), d).build();
    }

    @Test
    void startAdoptsWhatMatchesAndLeavesOthersAlone() {
        kernel.replace(IpvsTable.builder().add(Service.of(WEB, "wlc"), D1, D3).add(Service.of(OTHER, "rr"), D1).build());
        Reconciler.Result r = reconciler.start(web(D1, D2));
        assertEquals(List.of(new IpvsCommand.DeleteDestination(WEB, RS3, 80), new IpvsCommand.AddDestination(WEB, D2)),
                r.applied(), "D1 was already right: untouched, so its connections live on");
        assertTrue(kernel.snapshot().services().containsKey(OTHER), "not ours");
        assertEquals(web(D1, D2).services().get(WEB), kernel.snapshot().services().get(WEB));
    }

    @Test
    void applyTouchesOnlyTheVirtualServersServices() {
        reconciler.start(web(D1, D2));
        kernel.log.clear();
        reconciler.apply(web(D1, D2.withWeight(0)), List.of(WEB));
        assertEquals(List.of(new IpvsCommand.EditDestination(WEB, D2.withWeight(0))), kernel.log);
        reconciler.apply(web(D1), List.of(WEB));
        assertEquals(new IpvsCommand.DeleteDestination(WEB, RS2, 80), kernel.log.getLast());
        assertEquals(2, kernel.log.size());
    }

    @Test
    void oneDestinationAtATime() {
        reconciler.start(web(D1, D2));
        kernel.log.clear();
        IpvsTable.DestinationKey k2 = IpvsTable.DestinationKey.of(D2);
        reconciler.applyDestination(WEB, k2, Optional.of(D2.withWeight(0)));
        reconciler.applyDestination(WEB, k2, Optional.of(D2.withWeight(0)));
        reconciler.applyDestination(WEB, k2, Optional.empty());
        reconciler.applyDestination(WEB, IpvsTable.DestinationKey.of(D3), Optional.of(D3));
        assertEquals(List.of(new IpvsCommand.EditDestination(WEB, D2.withWeight(0)),
                new IpvsCommand.DeleteDestination(WEB, RS2, 80), new IpvsCommand.AddDestination(WEB, D3)), kernel.log);
        // behind our back: D3 vanished; the edit is refused, the service re-read, the server added
        kernel.replace(web(D1));
        Reconciler.Result r = reconciler.applyDestination(WEB, IpvsTable.DestinationKey.of(D3), Optional.of(D3.withWeight(7)));
        assertEquals(List.of(), r.failures());
        assertEquals(web(D1, D3.withWeight(7)).services().get(WEB), kernel.snapshot().services().get(WEB));
    }

    @Test
    void aRefusedCommandIsRetriedFromWhatTheKernelReallyHolds() {
        reconciler.start(web(D1, D2));
        // someone else deletes D2 behind our back; our edit is refused, re-read, and becomes an add
        kernel.replace(web(D1));
        Reconciler.Result r = reconciler.apply(web(D1, D2.withWeight(4)), List.of(WEB));
        assertEquals(List.of(), r.failures());
        assertEquals(new IpvsCommand.AddDestination(WEB, D2.withWeight(4)), r.applied().getLast());
        assertEquals(web(D1, D2.withWeight(4)).services().get(WEB), kernel.snapshot().services().get(WEB));
    }

    @Test
    void whatStillFailsIsReportedWithTheErrno() {
        reconciler.start(web(D1));
        kernel.refuse = c -> c instanceof IpvsCommand.AddDestination;
        Reconciler.Result r = reconciler.apply(web(D1, D2), List.of(WEB));
        assertEquals(1, r.failures().size());
        assertEquals("add destination 198.51.100.2:80 to TCP 192.0.2.10:80: EINVAL (Invalid argument)",
                r.failures().getFirst().toException().getMessage());
    }

    @Test
    void reloadDeletesServicesWeOwnedAndKeepsTheRest() {
        kernel.replace(IpvsTable.builder().add(Service.of(OTHER, "rr"), D1).build());
        reconciler.start(web(D1));
        ServiceKey newVip = ServiceKey.tcp(ip("192.0.2.11"), 80);
        IpvsTable next = IpvsTable.builder().add(Service.of(newVip, "rr"), D2).build();
        reconciler.reload(next, k -> Optional.empty());
        assertFalse(kernel.snapshot().services().containsKey(WEB));
        assertTrue(kernel.snapshot().services().containsKey(OTHER));
        assertTrue(kernel.snapshot().services().containsKey(newVip));
    }

    @Test
    void stopRemovesOnlyOurServices() {
        kernel.replace(IpvsTable.builder().add(Service.of(OTHER, "rr"), D1).build());
        reconciler.start(web(D1, D2));
        reconciler.stop();
        assertEquals(List.of(OTHER), List.copyOf(kernel.snapshot().services().keySet()));
    }

    @Test
    void drainingKeepsARemovedServerAtWeightZeroUntilIdle() {
        reconciler.start(web(D1, D2));
        kernel.connections.put(IpvsTable.DestinationKey.of(D2), 3L);
        reconciler.reload(web(D1), k -> Optional.of(Duration.ofSeconds(30)));
        assertEquals(web(D1, D2.withWeight(0)).services().get(WEB), kernel.snapshot().services().get(WEB));
        assertTrue(reconciler.draining());
        reconciler.settleDrains(web(D1));
        assertTrue(kernel.snapshot().services().get(WEB).destinations().containsKey(IpvsTable.DestinationKey.of(D2)),
                "still has connections");
        // a health change meanwhile keeps the drained server
        reconciler.apply(web(D1.withWeight(2)), List.of(WEB));
        assertEquals(web(D1.withWeight(2), D2.withWeight(0)).services().get(WEB), kernel.snapshot().services().get(WEB));
        kernel.connections.put(IpvsTable.DestinationKey.of(D2), 0L);
        reconciler.settleDrains(web(D1.withWeight(2)));
        assertEquals(web(D1.withWeight(2)).services().get(WEB), kernel.snapshot().services().get(WEB));
        assertFalse(reconciler.draining());
    }

    @Test
    void drainingEndsAtTheDeadline() {
        reconciler.start(web(D1, D2));
        kernel.connections.put(IpvsTable.DestinationKey.of(D2), 3L);
        reconciler.reload(web(D1), k -> Optional.of(Duration.ofSeconds(30)));
        now.set(Duration.ofSeconds(31).toNanos());
        reconciler.settleDrains(web(D1));
        assertEquals(web(D1).services().get(WEB), kernel.snapshot().services().get(WEB));
    }

    @Test
    void aRemovedServiceDrainsWholeThenGoes() {
        reconciler.start(web(D1));
        kernel.connections.put(IpvsTable.DestinationKey.of(D1), 1L);
        reconciler.reload(IpvsTable.EMPTY, k -> Optional.of(Duration.ofSeconds(30)));
        assertEquals(web(D1.withWeight(0)).services().get(WEB), kernel.snapshot().services().get(WEB));
        kernel.connections.clear();
        reconciler.settleDrains(IpvsTable.EMPTY);
        assertFalse(kernel.snapshot().services().containsKey(WEB));
        assertFalse(reconciler.draining());
    }

    @Test
    void aDrainedServerConfiguredAgainStopsDraining() {
        reconciler.start(web(D1, D2));
        kernel.connections.put(IpvsTable.DestinationKey.of(D2), 3L);
        reconciler.reload(web(D1), k -> Optional.of(Duration.ofSeconds(30)));
        reconciler.reload(web(D1, D2), k -> Optional.of(Duration.ofSeconds(30)));
        assertEquals(web(D1, D2).services().get(WEB), kernel.snapshot().services().get(WEB));
        assertFalse(reconciler.draining());
    }
}

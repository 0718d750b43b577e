package io.lvsj.syncd.daemon;

import io.lvsj.ctnl.Conntrack;
import io.lvsj.ctnl.ConntrackClient;
import io.lvsj.ctnl.ConntrackEvent;
import io.lvsj.ctnl.ConntrackTuple;
import io.lvsj.ctnl.CtnlRejection;
import io.lvsj.ctnl.NewConntrack;
import io.lvsj.syncd.wire.ConntrackRecord;
import io.lvsj.syncd.wire.Tracked;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.lvsj.ctnl.ConntrackEvent.Kind.DESTROY;
import static io.lvsj.ctnl.ConntrackEvent.Kind.NEW;
import static io.lvsj.ctnl.ConntrackEvent.Kind.UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conntrack relay's flow, with the kernel and the cluster as lists. */
class ConntrackRelayTest {
    static final InetAddress LIP = InetAddress.ofLiteral("198.51.100.50");
    static final int OWN_PORT = 4242;
    final AtomicLong now = new AtomicLong(1_000_000);
    final Counters counters = new Counters();
    final Relay relay = new Relay(1000, counters, now::get);
    final ConntrackRelay ct = relay.conntrack();
    final List<byte[]> sent = new ArrayList<>();
    final List<NewConntrack> put = new ArrayList<>();
    final List<ConntrackClient.Key> deleted = new ArrayList<>();
    final List<Boolean> updates = new ArrayList<>();

    ConntrackRelayTest() {
        ct.filter(new FullNatConntrack(List.of(new FullNatConntrack.Service(6, InetAddress.ofLiteral("203.0.113.10"), 80)),
                List.of(LIP)).filter());
        ct.outbox(sent::addAll);
        ct.kernel(new ConntrackRelay.Kernel() {
            @Override
            public ConntrackClient.Put put(List<NewConntrack> entries, boolean update) {
                put.addAll(entries);
                updates.add(update);
                return new ConntrackClient.Put(entries.size(), 0, List.of());
            }

            @Override
            public List<ConntrackClient.Failure> delete(List<ConntrackClient.Key> keys) {
                deleted.addAll(keys);
                return List.of();
            }
        });
    }

    /** A FullNAT entry as this director's kernel reports it. */
    static Conntrack entry(int clientPort, int localPort, int tcpState, long timeout) {
        return new Conntrack(new ConntrackTuple(6, InetAddress.ofLiteral("203.0.113.100"), clientPort,
                InetAddress.ofLiteral("203.0.113.10"), 80),
                new ConntrackTuple(6, InetAddress.ofLiteral("198.51.100.11"), 8080, LIP, localPort),
                Conntrack.CONFIRMED | Conntrack.SRC_NAT | (tcpState == 3 ? Conntrack.ASSURED | Conntrack.SEEN_REPLY : 0),
                timeout, 0, 0, tcpState, 1);
    }

    static ConntrackEvent event(ConntrackEvent.Kind kind, Conntrack c, int portId) {
        return new ConntrackEvent.Change(kind, c, portId);
    }

    @Test
    void theKernelsFullNatEntriesGoToTheClusterAndNothingElseDoes() {
        Conntrack other = new Conntrack(new ConntrackTuple(6, InetAddress.ofLiteral("203.0.113.100"), 1, InetAddress.ofLiteral("203.0.113.20"), 80),
                new ConntrackTuple(6, InetAddress.ofLiteral("198.51.100.12"), 80, LIP, 2), Conntrack.CONFIRMED, 100, 0, 0, 1, 2);
        Conntrack plainNat = new Conntrack(entry(3, 3, 1, 120).original(), entry(3, 3, 1, 120).original().inverse(),
                Conntrack.CONFIRMED, 120, 0, 0, 1, 3);
        ct.fromKernel(List.of(event(NEW, entry(40000, 5555, 1, 120), 0), event(NEW, other, 0), event(NEW, plainNat, 0),
                new ConntrackEvent.Rejected(CtnlRejection.ADDRESS)), OWN_PORT);
        assertEquals(1, sent.size(), "another service's and a plain NAT connection's entries stay home");
        assertEquals("tcp 203.0.113.100:40000 -> 203.0.113.10:80 via 198.51.100.50:5555", ConntrackRecords.describe(sent.getFirst()));
        assertEquals(1, ct.size());
        assertEquals(1L, counters.drops().get("conntrack address"));
        assertEquals(List.of(), put, "nothing goes back into our own kernel");
    }

    @Test
    void eventsOfOurOwnInjectionsAreNotSentBack() {
        ct.fromKernel(List.of(event(NEW, entry(40000, 5555, 3, 100), OWN_PORT), event(DESTROY, entry(40000, 5555, 3, 0), OWN_PORT)),
                OWN_PORT);
        assertEquals(0, sent.size());
        assertEquals(2, counters.conntrackOwnEvents.sum());
    }

    @Test
    void anUpdateWithoutItsTcpStateKeepsTheOneKnown() {
        ct.fromKernel(List.of(event(NEW, entry(40000, 5555, 1, 120), 0)), OWN_PORT);
        ct.fromKernel(List.of(event(UPDATE, entry(40000, 5555, 3, 432000), 0)), OWN_PORT);
        ct.fromKernel(List.of(event(UPDATE, entry(40000, 5555, -1, 431990), 0)), OWN_PORT);
        assertEquals(List.of(1, 3, 3), sent.stream().map(ConntrackRecord::tcpState).toList());
    }

    @Test
    void onlyTheTcpStateChangesATakeoverNeedsGoOut() {
        ct.localAddresses(Set.of(LIP));
        for (int s = 1; s <= 7; s++) {   // SYN_SENT (new), SYN_RECV, ESTABLISHED, FIN_WAIT ... TIME_WAIT
            ct.fromKernel(List.of(event(s == 1 ? NEW : UPDATE, entry(40000, 5555, s, 120), 0)), OWN_PORT);
        }
        ct.fromKernel(List.of(event(DESTROY, entry(40000, 5555, 7, 0), 0)), OWN_PORT);
        assertEquals(List.of(1, 3, 7), sent.stream().map(ConntrackRecord::tcpState).toList(),
                "the translation, established, the end");
        assertEquals(ConntrackRecord.DESTROY, ConntrackRecord.operation(sent.getLast()));
        assertEquals(5, counters.conntrackSkipped.sum());
    }

    @Test
    void theEndOfAnEntryGoesOutOnlyFromTheDirectorThatHoldsItsLocalAddress() {
        ct.fromKernel(List.of(event(NEW, entry(40000, 5555, 3, 100), 0), event(NEW, entry(40001, 5556, 3, 100), 0)), OWN_PORT);
        sent.clear();
        // not holding the LIP: a copy that ended here (timed out, flushed) is no news for the master
        ct.fromKernel(List.of(event(DESTROY, entry(40000, 5555, 3, 0), 0)), OWN_PORT);
        assertEquals(0, sent.size());
        assertEquals(1, ct.size(), "but it is gone from the table");
        ct.localAddresses(Set.of(LIP));
        ct.fromKernel(List.of(event(DESTROY, entry(40001, 5556, 3, 0), 0)), OWN_PORT);
        assertEquals(1, sent.size());
        assertEquals(ConntrackRecord.DESTROY, ConntrackRecord.operation(sent.getFirst()));
        assertEquals(0, ct.size());
    }

    @Test
    void thePeersEntriesGoIntoTheKernelWithTheirSourceNatAndTheirEndsComeOut() {
        ct.received("b", List.of(Tracked.fullNat(40000, 5555, 432000), Tracked.fullNat(40001, 5556, 100)));
        assertEquals(2, put.size());
        assertEquals(List.of(true), updates, "a live update may change an entry the kernel has");
        NewConntrack first = put.getFirst();
        assertEquals(new NewConntrack.SourceNat(LIP, 5555), first.sourceNat());
        assertEquals(InetAddress.ofLiteral("203.0.113.100"), first.reply().destination(), "the reply before NAT");
        assertEquals(432000, first.timeoutSeconds());
        assertEquals(3, first.tcpState());
        ct.received("b", List.of(ConntrackRecord.withOperation(Tracked.fullNat(40000, 1, 1), ConntrackRecord.DESTROY)));
        assertEquals(1, deleted.size());
        assertEquals(40000, deleted.getFirst().original().sourcePort());
        assertEquals(1, ct.size());
        assertEquals(2, counters.conntrackCreated.sum());
        assertEquals(1, counters.conntrackRemoved.sum());
    }

    @Test
    void withoutAKernelRecordsAreKeptAndCounted() {
        ct.kernel(null);
        ct.received("b", List.of(Tracked.fullNat(40000, 5555, 432000)));
        assertEquals(1, ct.size());
        assertEquals(1, counters.conntrackNotInjected.sum());
    }

    @Test
    void thePassOverTheTableResendsOwnedEntriesWhoseCopiesWouldExpire() {
        ct.localAddresses(Set.of(LIP));
        List<Conntrack> kernel = List.of(entry(40000, 5555, 3, 432000), new Conntrack(entry(5, 6, -1, 1).original(),
                entry(5, 6, -1, 1).reply(), Conntrack.CONFIRMED, 30, 0, 0, -1, 9));
        ct.fromKernel(List.of(event(NEW, kernel.get(0), 0), event(NEW, kernel.get(1), 0)), OWN_PORT);
        sent.clear();
        assertEquals(1, ct.refresh(kernel, false), "the 30 s entry: its copies would be gone before the next pass");
        assertEquals(5, ConntrackRecord.port(sent.getFirst(), ConntrackRecord.ORIGINAL_SOURCE));
        assertEquals(2, ct.refresh(kernel, true), "after lost events: every one");
        ct.localAddresses(Set.of());
        assertEquals(0, ct.refresh(kernel, true), "a backup speaks for none");
    }

    @Test
    void aJoinerGetsTheEntriesAndPutsThemInWithoutTouchingWhatItsKernelHas() throws Exception {
        ct.fromKernel(List.of(event(NEW, entry(40000, 5555, 3, 432000), 0)), OWN_PORT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        relay.writeState(out);
        Counters theirs = new Counters();
        Relay joiner = new Relay(1000, theirs, now::get);
        joiner.readState(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(1, joiner.conntrack().size());
        assertEquals(1, theirs.conntrackStateReceived.sum());
        List<Boolean> how = new ArrayList<>();
        joiner.conntrack().kernel(new ConntrackRelay.Kernel() {
            @Override
            public ConntrackClient.Put put(List<NewConntrack> entries, boolean update) {
                how.add(update);
                return new ConntrackClient.Put(0, entries.size(), List.of());
            }

            @Override
            public List<ConntrackClient.Failure> delete(List<ConntrackClient.Key> keys) {
                return List.of();
            }
        });
        assertEquals(1, joiner.conntrack().injectAll());
        assertEquals(List.of(false), how);
        now.addAndGet(432_000_000L);
        assertEquals(1, relay.expire(), "conntrack entries expire with their timeouts");
        assertFalse(relay.conntrack().size() > 0);
        assertTrue(counters.conntrack("1 service, 1 local address", 0).events() > 0);
    }
}

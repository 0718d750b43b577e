package io.lvsj.syncd.cluster;

import io.lvsj.syncd.wire.Records;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sealed TCP stack on 127.0.0.1, several members in one JVM. */
class SyncClusterTest {
    final ClusterKey key = ClusterKey.generate();
    final List<Member> members = new ArrayList<>();

    @AfterEach
    void leave() {
        members.reversed().forEach(Member::close);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    Member start(String node, int port, List<Integer> ports, ClusterKey k) throws Exception {
        Member m = new Member().join(Member.tcp(node, port, ports, k));
        members.add(m);
        return m;
    }

    @Test
    void recordsReachEveryOtherMemberAndALateJoinerGetsTheTable() throws Exception {
        List<Integer> ports = List.of(Member.freePort(), Member.freePort(), Member.freePort());
        Member a = start("a", ports.get(0), ports, key);
        Member b = start("b", ports.get(1), ports, key);
        await("a and b in one view", () -> a.members.size() == 2 && b.members.size() == 2);
        assertEquals(-1, a.stateRead, "the first member has nobody to get the table from");
        assertEquals(0, b.stateRead, "the second got a's empty table");

        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(Records.tcp(1024 + i, 900).encode());
        }
        records.add(Records.everyOption().encode());
        a.relay(records);
        await("b has a's records", () -> b.table.size() == 1001);
        assertEquals(0, a.received.size(), "a member does not hear itself");

        Member c = start("c", ports.get(2), ports, key);
        assertEquals(1001, c.stateRead, "the late joiner was given the whole table while joining");
        assertEquals(1001, c.table.size());
        await("three in one view", () -> a.members.size() == 3 && b.members.size() == 3 && c.members.size() == 3);
        assertTrue(a.cluster.coordinator());
        assertEquals(0, a.cluster.sealRejected() + b.cluster.sealRejected() + c.cluster.sealRejected());
    }

    @Test
    void aNodeWithoutTheKeyCannotJoinAndIsNotHeard() throws Exception {
        List<Integer> ports = List.of(Member.freePort(), Member.freePort(), Member.freePort());
        Member a = start("a", ports.get(0), ports, key);
        Member b = start("b", ports.get(1), ports, key);
        await("a and b in one view", () -> a.members.size() == 2 && b.members.size() == 2);
        Member intruder = start("intruder", ports.get(2), ports, ClusterKey.generate());
        assertEquals(List.of("intruder"), intruder.members, "it is alone in a cluster of its own");
        intruder.relay(List.of(Records.tcp(666, 900).encode()));
        a.relay(List.of(Records.tcp(1, 900).encode()));
        await("b hears a", () -> b.table.size() == 1);
        await("the intruder's messages are dropped and counted", () -> a.cluster.sealRejected() > 0
                && b.cluster.sealRejected() > 0);
        Thread.sleep(500);
        assertEquals(2, a.members.size());
        assertEquals(2, b.members.size());
        assertEquals(0, a.received.size());
        assertEquals(1, b.received.size(), "only a's record reached b");
        assertEquals(0, intruder.received.size(), "and none of theirs reached the intruder");
    }
}

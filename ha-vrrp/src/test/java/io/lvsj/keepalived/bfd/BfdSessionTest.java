package io.lvsj.keepalived.bfd;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two sessions wired to each other on a fake clock (microseconds), and the packet codec. */
class BfdSessionTest {
    static final long MS = 1000;

    /** A session's end of the wire: what it sent, waiting to be delivered, and what it reported. */
    static final class End implements BfdSession.Actions {
        final List<BfdPacket> outbox = new ArrayList<>();
        final List<Boolean> changes = new ArrayList<>();
        final List<String> logs = new ArrayList<>();
        BfdSession session;

        @Override
        public void send(BfdPacket packet) {
            outbox.add(packet);
        }

        @Override
        public void changed(boolean up) {
            changes.add(up);
        }

        @Override
        public void log(String line) {
            logs.add(line);
        }

        @Override
        public void logDetail(String line) {
            logs.add("detail: " + line);
        }
    }

    static BfdSettings settings(String name, long minRx, long minTx, int mult) throws Exception {
        return new BfdSettings(name, InetAddress.getByName("192.0.2.2"), null, minRx, minTx, 1000 * MS, mult, false,
                255, 0);
    }

    /** Runs both sessions until {@code until}, delivering every packet as soon as it is sent; {@code cut} drops b's. */
    static long run(End a, End b, long from, long until, boolean cut) {
        long now = from;
        while (true) {
            deliver(a, b, now, false);
            deliver(b, a, now, cut);
            long next = Math.min(a.session.nextDeadline(), b.session.nextDeadline());
            if (next > until) {
                return until;
            }
            now = Math.max(now, next);
            a.session.runTimers(now);
            b.session.runTimers(now);
        }
    }

    static void deliver(End from, End to, long now, boolean drop) {
        while (!from.outbox.isEmpty()) {
            BfdPacket p = from.outbox.removeFirst();
            ByteBuffer wire = ByteBuffer.allocate(BfdPacket.LENGTH);
            p.encode(wire);
            BfdPacket received = BfdPacket.decode(wire.flip(), BfdPacket.LENGTH);
            if (!drop) {
                to.session.receive(received, 255, now);
            }
        }
    }

    @Test
    void twoSessionsComeUpNegotiateTheirTimersAndExpireWhenOneFallsSilent() throws Exception {
        End a = new End();
        End b = new End();
        a.session = new BfdSession(settings("a", 100 * MS, 100 * MS, 3), new Random(1), a);
        b.session = new BfdSession(settings("b", 300 * MS, 50 * MS, 5), new Random(2), b);
        a.session.start(0);
        b.session.start(0);
        long now = run(a, b, 0, 5_000 * MS, false);
        assertEquals(BfdState.UP, a.session.state());
        assertEquals(BfdState.UP, b.session.state());
        assertEquals(List.of(true), a.changes);
        assertTrue(a.logs.contains("(a) Entering Up state"), a.logs.toString());
        // a's detection time: b's multiplier 5 x max(a's min_rx 100 ms, b's min_tx 50 ms)
        assertEquals(500 * MS, a.session.detectionTime());
        assertEquals(3 * 300 * MS, b.session.detectionTime(), "b's: a's multiplier 3 x max(300 ms, 100 ms)");
        run(a, b, now, now + 400 * MS, true); // b's packets are lost for less than a's detection time
        assertEquals(BfdState.UP, a.session.state());
        now = run(a, b, now + 400 * MS, now + 2_000 * MS, true); // and now for longer
        assertEquals(BfdState.DOWN, a.session.state());
        assertEquals(List.of(true, false), a.changes);
        assertTrue(a.logs.stream().anyMatch(l -> l.startsWith("(a) Expired after 5")), a.logs.toString());
        assertTrue(a.logs.contains("(a) Entering Down state (Local diagnostic - Control Detection Time Expired,"
                + " Remote diagnostic - No Diagnostic)"), a.logs.toString());
        run(a, b, now, now + 5_000 * MS, false);
        assertEquals(BfdState.UP, a.session.state(), "back up once b is heard again");
    }

    @Test
    void aPassiveSessionWaitsToBeSpokenTo() throws Exception {
        End a = new End();
        a.session = new BfdSession(new BfdSettings("p", InetAddress.getByName("192.0.2.2"), null, 100 * MS, 100 * MS,
                1000 * MS, 3, true, 255, 0), new Random(3), a);
        a.session.start(0);
        assertEquals(BfdSession.NEVER, a.session.nextDeadline());
    }

    @Test
    void theCodecRefusesWhatKeepalivedRefuses() {
        BfdPacket p = new BfdPacket(0, BfdState.DOWN, false, false, false, false, 3, 7, 0, 1_000_000, 100_000, 0);
        ByteBuffer b = ByteBuffer.allocate(BfdPacket.LENGTH);
        p.encode(b);
        b.flip();
        assertEquals(p, BfdPacket.decode(b, BfdPacket.LENGTH));
        assertEquals(0x20, b.get(0) & 0xff, "version 1, no diagnostic");
        assertEquals(0x40, b.get(1) & 0xff, "state Down");
        b.put(1, (byte) 0x80); // Init with your discriminator 0
        assertNull(BfdPacket.decode(b, BfdPacket.LENGTH));
        assertNotNull(BfdPacket.refusal(b, BfdPacket.LENGTH));
        b.put(1, (byte) 0x40).put(2, (byte) 0);
        assertEquals("Packet 'detection multiplier' field is zero", BfdPacket.refusal(b, BfdPacket.LENGTH));
        assertEquals("Packet is too small: 20 bytes", BfdPacket.refusal(b, 20));
    }
}

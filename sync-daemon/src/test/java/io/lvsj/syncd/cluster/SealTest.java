package io.lvsj.syncd.cluster;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.AsciiString;
import org.jgroups.util.ByteArray;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.UUID;
import org.jgroups.util.Util;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Two seals driven by hand, without a network: what one lets up of what the other sealed. */
class SealTest {
    final ClusterKey key = ClusterKey.generate();
    final Address a = UUID.randomUUID();
    final Below wire = new Below();
    final Seal sender = new Seal(key, "c");
    final Seal receiver = new Seal(key, "c");
    final Above above = new Above();

    SealTest() {
        sender.setDownProtocol(wire);
        receiver.setDownProtocol(new Below());
        receiver.setUpProtocol(above);
    }

    /** What a's seal sends for {@code msg}, as the transport hands it up on another member. */
    Message sealed(Message msg) {
        sender.down(msg);
        Message out = wire.sent.removeLast();
        return out.setSrc(a);
    }

    static Message record(Address src) {
        // a cluster message starts with its version byte 1, as a sealed one does
        return new BytesMessage(null, ("\u0001\u0001 connection records, long enough to look sealed ")
                .getBytes(StandardCharsets.US_ASCII)).setSrc(src);
    }

    @Test
    void aMessageItOpenedPassesAgainWhenBarrierHandsItUpFromTheTransport() throws Exception {
        Message original = record(a);
        receiver.up(sealed(original));
        Message opened = above.received.getFirst();
        assertArrayEquals(original.getArray(), opened.getArray());
        assertEquals(a, opened.getSrc());

        receiver.up(opened);        // BARRIER.flushQueue, as a single message
        MessageBatch batch = new MessageBatch(null, a, new AsciiString("c"), true, List.of(opened));
        receiver.up(batch);         // or in a batch of the transport's thread pool
        assertEquals(List.of(opened, opened, opened), above.received);
        assertEquals(0, receiver.rejected());
    }

    @Test
    void aMarkReadOffTheWireIsNotTakenForOne() throws Exception {
        receiver.up(sealed(record(a)));
        Message opened = above.received.removeFirst();
        ByteArray bytes = Util.messageToBuffer(opened);
        Message forged = Util.messageFromBuffer(bytes.getArray(), bytes.getOffset(), bytes.getLength());
        assertInstanceOf(Seal.Opened.class, forged.getHeader(Seal.ID), "the mark crossed the wire");
        assertNotSame(opened.getHeader(Seal.ID), forged.getHeader(Seal.ID));

        receiver.up(forged);
        receiver.up(new MessageBatch(null, a, new AsciiString("c"), true, List.of(forged)));
        assertEquals(List.of(), above.received);
        assertEquals(2, receiver.rejected());
    }

    @Test
    void anOpenedMessageSealedAgainOpensOnTheNextMember() {
        // NAKACK2 may retransmit another member's message it holds: it goes down sealed, its mark inside
        receiver.up(sealed(record(a)));
        Message opened = above.received.removeFirst();
        receiver.up(sealed(opened));
        Message again = above.received.getFirst();
        assertArrayEquals(opened.getArray(), again.getArray());
        assertSame(opened.getHeader(Seal.ID), again.getHeader(Seal.ID), "marked by this seal, not taken from the wire");
        assertEquals(0, receiver.rejected());
    }

    /** The transport: keeps what is sent, knows no physical addresses. */
    static final class Below extends Protocol {
        final List<Message> sent = new ArrayList<>();

        @Override
        public Object down(Message msg) {
            sent.add(msg);
            return null;
        }

        @Override
        public Object down(Event evt) {
            return null;
        }
    }

    /** The protocols above: keep what comes up. */
    static final class Above extends Protocol {
        final List<Message> received = new ArrayList<>();

        @Override
        public Object up(Message msg) {
            received.add(msg);
            return null;
        }

        @Override
        public void up(MessageBatch batch) {
            batch.forEach(received::add);
        }
    }
}

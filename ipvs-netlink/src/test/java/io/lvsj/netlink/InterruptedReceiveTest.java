package io.lvsj.netlink;

import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.LibC;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's EINTR: a thread blocked in a netlink receive is hit by signals that have a handler
 * (a receive with a timeout, as every netlink socket here has, is never restarted by the
 * kernel: it fails with EINTR whatever SA_RESTART says). The receive carries on and returns the
 * notification that arrives after them, as if nothing had happened.
 */
class InterruptedReceiveTest {
    private static final int SIGWINCH = 28;

    @Test
    @SuppressWarnings("removal")
    void signalsDuringABlockedReceiveAreNotErrors() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> handled.incrementAndGet());
        try (LabNamespace ns = LabNamespace.create("lvsj-eintr");
             NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, io.lvsj.sys.NetNamespace.named(ns.name()))) {
            socket.joinGroup(1); // RTNLGRP_LINK
            CompletableFuture<Integer> tid = new CompletableFuture<>();
            CompletableFuture<List<NetlinkMessage>> received = new CompletableFuture<>();
            Thread receiver = Thread.ofPlatform().start(() -> {
                tid.complete(LibC.gettid());
                try {
                    ByteBuffer datagram = socket.receive();
                    received.complete(MessageReader.read(datagram));
                } catch (Throwable t) {
                    received.completeExceptionally(t);
                }
            });
            int thread = tid.get(10, TimeUnit.SECONDS);
            Thread.sleep(200); // let it block in recvfrom
            for (int i = 0; i < 20; i++) {
                LibC.tgkill(ProcessHandle.current().pid(), thread, SIGWINCH);
                Thread.sleep(10);
            }
            ns.run("ip", "link", "add", "eintr0", "type", "veth", "peer", "name", "eintr1").requireSuccess();
            List<NetlinkMessage> messages = received.get(20, TimeUnit.SECONDS);
            receiver.join(5000);
            assertTrue(handled.get() > 0, "the signals were delivered and handled");
            assertEquals(16, messages.getFirst().type(), "RTM_NEWLINK, after the interruptions");
        }
    }
}

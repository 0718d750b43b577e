package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.Reception;
import io.lvsj.keepalived.vrrp.io.VrrpSocket;
import io.lvsj.sys.LibC;
import io.lvsj.sys.NetNamespace;

/** Listens to IPv4 multicast VRRP adverts on the client's eth0, with keepalived-j's own socket code. */
final class AdvertSniffer implements AutoCloseable {
    private final VrrpSocket socket;
    private final Reception reception = new Reception();

    private AdvertSniffer(VrrpSocket socket) {
        this.socket = socket;
    }

    static AdvertSniffer open(String namespace) {
        return new AdvertSniffer(NetNamespace.named(namespace).call(
                () -> VrrpSocket.open(true, 112, "eth0", LibC.ifNameToIndex("eth0"), null)));
    }

    /** Returns as soon as an advert for {@code vrid} with {@code priority} arrives. */
    void awaitAdvert(int vrid, int priority, long timeoutMillis) {
        while (socket.receive(reception)) {
            // drop what queued up before the call: only a fresh advert marks the phase
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (LibC.pollReadable(socket.receiveFd(), 10)) {
                while (socket.receive(reception)) {
                    if (reception.view.vrid() == vrid && reception.view.priority() == priority) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no advert for VRID " + vrid + " with priority " + priority);
    }

    @Override
    public void close() {
        socket.close();
    }
}

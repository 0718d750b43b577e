package io.lvsj.keepalived.check.net;


import java.io.IOException;

/** Opens the datagram sockets checks need. */
public final class Datagrams {
    private Datagrams() {
    }

    /**
     * A UDP socket connected to the endpoint. With {@code allErrors} (UDP_CHECK) it reports
     * every ICMP error, "host unreachable" included, as keepalived's {@code IP_RECVERR} socket
     * does; without (DNS_CHECK) only "port unreachable", as keepalived's DNS socket.
     */
    public static DatagramConnection udp(NetworkContext network, Endpoint endpoint, boolean allErrors)
            throws IOException {
        return allErrors || endpoint.needsNativeSocket()
                ? NativeDatagram.udp(network, endpoint, allErrors)
                : JdkDatagram.connect(network, endpoint);
    }

    /** An ICMP echo socket towards the endpoint's address. */
    public static DatagramConnection icmp(NetworkContext network, Endpoint endpoint) throws IOException {
        return NativeDatagram.icmp(network, endpoint);
    }
}

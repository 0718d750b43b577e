package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.ServiceKey;
import io.lvsj.keepalived.check.Addresses;

import java.net.InetAddress;
import java.util.Locale;

/** Servers as keepalived names them in logs and FIFO lines ({@code FMT_RS}): {@code [198.51.100.1]:tcp:80}. */
public final class Names {
    private Names() {
    }

    public static String realServer(VirtualServerSpec vs, InetAddress address, int port) {
        return "[" + Addresses.text(address) + "]:" + protocol(vs) + ":" + port;
    }

    public static String realServer(VirtualServerSpec vs, RealServerSpec rs) {
        return realServer(vs, rs.address(), rs.port());
    }

    public static String sorryServer(VirtualServerSpec vs, SorryServerSpec s) {
        return realServer(vs, s.address(), s.port());
    }

    /** The protocol word of a virtual server's services ("tcp", "udp", "sctp"; "fwm" for marks). */
    static String protocol(VirtualServerSpec vs) {
        for (ServiceKey key : vs.services()) {
            if (key instanceof ServiceKey.Inet inet && inet.protocol().name() != null) {
                return inet.protocol().name().toLowerCase(Locale.ROOT);
            }
        }
        return "fwm";
    }
}

package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/** Addresses and small configurations for the lvs tests. */
final class Fixtures {
    static final InetAddress VIP = ip("192.0.2.10");
    static final ServiceKey WEB = ServiceKey.tcp(VIP, 80);
    static final InetAddress RS1 = ip("198.51.100.1");
    static final InetAddress RS2 = ip("198.51.100.2");
    static final InetAddress RS3 = ip("198.51.100.3");
    static final InetAddress SORRY = ip("198.51.100.99");

    private Fixtures() {
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static VirtualServerSpec web(RealServerSpec... realServers) {
        return VirtualServerSpec.of(WEB, ServiceTemplate.of("wlc"), List.of(realServers));
    }

    static VirtualServerHealth health(boolean quorumUp, Object... keysAndHealth) {
        java.util.Map<RealServerKey, RealServerHealth> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndHealth.length; i += 2) {
            m.put((RealServerKey) keysAndHealth[i], (RealServerHealth) keysAndHealth[i + 1]);
        }
        return new VirtualServerHealth(quorumUp, m);
    }

    static Map<VirtualServerId, VirtualServerHealth> of(VirtualServerSpec vs, VirtualServerHealth h) {
        return Map.of(vs.id(), h);
    }
}

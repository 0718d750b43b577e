package io.lvsj.keepalived.check.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** {@code struct sockaddr_in} / {@code sockaddr_in6} for an address and port. */
final class Sockaddr {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private Sockaddr() {
    }

    static int family(InetAddress address) {
        return address instanceof Inet6Address ? AF_INET6 : AF_INET;
    }

    static MemorySegment of(Arena arena, InetAddress address, int port) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            MemorySegment sa = arena.allocate(16, 4);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
            sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >> 8));
            sa.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
            MemorySegment.copy(raw, 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
            return sa;
        }
        MemorySegment sa = arena.allocate(28, 4);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
        sa.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >> 8));
        sa.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
        MemorySegment.copy(raw, 0, sa, ValueLayout.JAVA_BYTE, 8, 16);
        int scope = ((Inet6Address) address).getScopeId();
        sa.set(ValueLayout.JAVA_INT, 24, scope);
        return sa;
    }
}

package io.lvsj.keepalived.vrrp.wire;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * A VRRP advertisement as a value: what {@link AdvertisementView#toAdvertisement()} decodes
 * and what tests compare. The hot paths use the flyweight view and {@link AdvertisementWriter}
 * instead, which never build one.
 *
 * @param version        2 or 3
 * @param type           1 for an advertisement (anything else is counted and dropped on receipt)
 * @param vrid           the virtual router id, 1..255
 * @param priority       0..255
 * @param authType       the v2 auth type byte (0 in v3, where the byte is part of the interval)
 * @param intervalCentis the advert interval in centiseconds (v2 carries whole seconds)
 * @param addresses      the virtual addresses carried, all of one family
 * @param authData       the 8 trailing bytes of v2 (empty for v3)
 * @param checksum       the VRRP checksum as carried
 */
public record Advertisement(int version, int type, int vrid, int priority, int authType, int intervalCentis,
                            List<InetAddress> addresses, byte[] authData, int checksum) {
    public Advertisement {
        addresses = List.copyOf(addresses);
        authData = authData.clone();
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Advertisement a && a.version == version && a.type == type && a.vrid == vrid
                && a.priority == priority && a.authType == authType && a.intervalCentis == intervalCentis
                && a.addresses.equals(addresses) && Arrays.equals(a.authData, authData) && a.checksum == checksum;
    }

    @Override
    public int hashCode() {
        return ((vrid * 31 + priority) * 31 + addresses.hashCode()) * 31 + version;
    }

    @Override
    public String toString() {
        return "VRRPv" + version + " vrid " + vrid + " prio " + priority + " intvl " + intervalCentis + "cs addrs "
                + addresses.stream().map(InetAddress::getHostAddress).toList();
    }
}

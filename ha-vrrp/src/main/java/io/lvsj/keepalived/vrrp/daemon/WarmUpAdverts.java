package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.Reception;
import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.wire.AdvertisementWriter;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;
import io.lvsj.keepalived.vrrp.wire.Vrrp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Synthetic adverts for the start-up dry run: what a higher-priority peer would send. */
final class WarmUpAdverts {
    private WarmUpAdverts() {
    }

    /** An advert that beats {@code r} (from the highest possible address), or {@code null} for an owner. */
    static Reception higherPriority(VirtualRouter r) {
        VirtualRouterConfig c = r.config();
        if (r.effectivePriority() >= Vrrp.PRIORITY_OWNER) {
            return null;
        }
        AdvertisementWriter writer = new AdvertisementWriter(c.version(), c.vrid(), c.advertIntervalCentis(),
                c.virtualAddresses().stream().map(VirtualAddress::address).toList(), c.authentication());
        ByteBuffer buffer = ByteBuffer.allocate(writer.datagramLength());
        Reception in = new Reception();
        int priority = r.effectivePriority() + 1;
        int length;
        if (writer.isIpv4()) {
            Arrays.fill(in.source4, (byte) -1);
            byte[] destination = c.isUnicast() ? r.sourceAddress() : c.group();
            if (destination == null) {
                return null;
            }
            length = writer.writeIpv4(buffer, priority, in.source4, destination, Vrrp.TTL, 1, Long.MAX_VALUE >>> 33,
                    c.v3Checksum(), c.isUnicast(), c.checksumGroup());
        } else {
            Arrays.fill(in.source6, (byte) -1);
            length = writer.writeIpv6(buffer, priority);
            in.multicast = !c.isUnicast();
        }
        in.view.wrap(buffer, length, writer.isIpv4());
        in.ttl = Vrrp.TTL;
        return in;
    }
}

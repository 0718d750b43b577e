package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.wire.AdvertisementWriter;
import io.lvsj.keepalived.vrrp.wire.Authentication;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;
import io.lvsj.keepalived.vrrp.wire.Vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/** Another router on the segment: builds the receptions our engine would get from it. */
final class Peer {
    final byte[] address;
    final AdvertisementWriter writer;
    int ttl = 255;
    int ipId;
    long ahSequence;
    byte[] destination = Vrrp.GROUP4.getAddress();
    V3Checksum checksum = V3Checksum.PSEUDO_HEADER;

    Peer(String address, int version, int vrid, int intervalCentis, List<InetAddress> vips, Authentication auth) {
        this.address = ip(address).getAddress();
        this.writer = new AdvertisementWriter(version, vrid, intervalCentis, vips, auth);
    }

    /** An advert with {@code priority}, optionally mangled before delivery. */
    Reception advert(int priority, Consumer<ByteBuffer> mangle) {
        Reception in = new Reception();
        ByteBuffer buffer = ByteBuffer.allocate(512);
        int length;
        if (writer.isIpv4()) {
            length = writer.writeIpv4(buffer, priority, address, destination, ttl, ++ipId, ++ahSequence, checksum,
                    (destination[0] & 0xf0) != 0xe0);
            System.arraycopy(address, 0, in.source4, 0, 4);
        } else {
            length = writer.writeIpv6(buffer, priority);
            System.arraycopy(address, 0, in.source6, 0, 16);
            in.multicast = true;
        }
        mangle.accept(buffer);
        in.view.wrap(buffer, length, writer.isIpv4());
        in.ttl = ttl;
        return in;
    }

    Reception advert(int priority) {
        return advert(priority, b -> { });
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.wire.AdvertisementView;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.AuthenticationHeader;
import io.lvsj.keepalived.vrrp.wire.InternetChecksum;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;
import io.lvsj.keepalived.vrrp.wire.Vrrp;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * keepalived 2.2.7's receive validation ({@code vrrp_check_packet()}), in its order, with its
 * log lines and counters: AH presence, length, TTL (multicast only), version, v2 auth and
 * interval, type, address count, IP length, checksum, multicast vs unicast, then the address
 * list and the unicast source. {@code KO} is an invalid advert; {@code DROP} one that is not
 * for us (another AH protocol, a different v2 interval).
 */
final class ReceiveCheck {
    enum Verdict { OK, KO, DROP }

    private ReceiveCheck() {
    }

    static Verdict check(VirtualRouter r, Reception in, boolean checkAddresses, RouterActions out) {
        AdvertisementView v = in.view;
        RouterStats stats = r.stats;
        String name = "(" + r.name() + ")";
        AuthType auth = r.config.authentication().type();
        boolean unicast = r.config.isUnicast();
        int expected = 0;
        if (v.isIpv4()) {
            boolean hasAh = v.ipProtocol() == Vrrp.IPPROTO_AH;
            if (hasAh != (auth == AuthType.AH)) {
                out.log(name + (hasAh ? " Received AH header but auth type not AH" : " No AH header but auth type is AH"));
                stats.authtypeMismatch++;
                return Verdict.KO;
            }
            expected = v.ipHeaderLength() + (hasAh ? AuthenticationHeader.LENGTH : 0);
        }
        expected += v.expectedVrrpLength();
        if (v.length() != expected) {
            out.log(name + " vrrp packet too " + (v.length() > expected ? "long" : "short") + ", length "
                    + v.length() + " and expect " + expected);
            stats.packetLenErr++;
            return Verdict.KO;
        }
        if (!unicast && in.ttl != -1 && in.ttl != Vrrp.TTL) {
            out.log(name + " invalid TTL/HL. Received " + in.ttl + " and expect " + Vrrp.TTL);
            stats.ipTtlErr++;
            return Verdict.KO;
        }
        if (v.version() != r.config.version()) {
            out.log(name + " wrong version. Received " + v.version() + " and expect " + r.config.version());
            stats.versionErr++;
            return Verdict.KO;
        }
        if (r.config.version() == 2) {
            Verdict verdict = checkV2(r, v, name, auth, unicast, out);
            if (verdict != Verdict.OK) {
                return verdict;
            }
        }
        if (v.type() != Vrrp.TYPE_ADVERTISEMENT) {
            out.log(name + " Invalid packet type. " + v.type() + " and expect " + Vrrp.TYPE_ADVERTISEMENT);
            stats.invalidTypeRcvd++;
            return Verdict.KO;
        }
        if (checkAddresses && v.count() != r.vipBytes.length) {
            out.log(name + " received an unexpected ip number count " + v.count() + ", expected "
                    + r.vipBytes.length + "!");
            stats.addrListErr++;
            return Verdict.KO;
        }
        if (v.isIpv4() && v.ipTotalLength() != v.length()) {
            out.log(name + " ip_tot_len mismatch against received length. " + v.ipTotalLength() + " and received "
                    + v.length());
            stats.packetLenErr++;
            return Verdict.KO;
        }
        if (v.isIpv4() && !checksumOk(r, v, name, unicast, out)) {
            stats.checksumErr++;
            return Verdict.KO;
        }
        boolean multicast = v.isIpv4() ? v.ipv4DestinationIsMulticast() : in.multicast;
        if (multicast == unicast) {
            out.log(name + " Expected " + (unicast ? "un" : "mult") + "icast packet but received "
                    + (unicast ? "mult" : "un") + "icast packet");
            stats.addrListErr++;
            return Verdict.KO;
        }
        stats.advertRcvd++;
        if (checkAddresses) {
            for (int i = 0; i < r.vipBytes.length; i++) {
                if (!v.carries(r.vipBytes[i])) {
                    out.log(name + " ip address associated with VRID " + r.vrid() + " not present in MASTER advert: "
                            + VirtualRouter.text(r.vipBytes[i]));
                    stats.addrListErr++;
                    return Verdict.KO;
                }
            }
            if (unicast && r.config.checkUnicastSource() && !isPeer(r, in.source())) {
                out.log(name + " unicast source address " + VirtualRouter.text(in.source()) + " not a unicast peer");
                return Verdict.KO;
            }
        }
        if (v.priority() == 0) {
            stats.priZeroRcvd++;
        }
        return Verdict.OK;
    }

    private static Verdict checkV2(VirtualRouter r, AdvertisementView v, String name, AuthType auth, boolean unicast,
                                   RouterActions out) {
        RouterStats stats = r.stats;
        int theirs = v.v2AuthType();
        if (AuthType.of(theirs) == null) {
            out.log(name + " Invalid auth type: " + theirs);
            stats.invalidAuthtype++;
            return Verdict.KO;
        }
        if (theirs != auth.code()) {
            out.log(name + " received a " + theirs + " auth, expecting " + auth.code() + "!");
            stats.authtypeMismatch++;
            return Verdict.KO;
        }
        if (auth == AuthType.PASS) {
            byte[] carried = new byte[Vrrp.AUTH_DATA_LENGTH];
            v.buffer().get(v.ipTotalLength() - Vrrp.AUTH_DATA_LENGTH, carried);
            if (!MessageDigest.isEqual(carried, r.config.authentication().key())) {
                out.log(name + " received an invalid passwd!");
                stats.authFailure++;
                return Verdict.KO;
            }
        } else if (auth == AuthType.AH) {
            if (v.ahNextHeader() != Vrrp.IPPROTO_VRRP) {
                return Verdict.DROP;
            }
            Verdict verdict = checkAh(r, v, name, unicast, out);
            if (verdict != Verdict.OK) {
                stats.authFailure++;
                return verdict;
            }
        }
        if (r.adverInt != v.v2IntervalSeconds() * 1_000_000L) {
            out.log(name + " advertisement interval mismatch mine=" + r.adverInt / 1_000_000 + " sec rcv'd="
                    + v.v2IntervalSeconds() + " sec");
            stats.advertIntervalErr++; // keepalived 2.2.7 has the counter but never increments it
            return Verdict.DROP;
        }
        return Verdict.OK;
    }

    private static Verdict checkAh(VirtualRouter r, AdvertisementView v, String name, boolean unicast,
                                   RouterActions out) {
        AuthenticationHeader ah = r.authenticationHeader();
        if (!ah.verify(v.buffer(), v.ahOffset(), v.length(), unicast)) {
            out.log(name + " IPSEC-AH : invalid IPSEC HMAC-MD5 value. Due to fields mutation or bad password !");
            return Verdict.KO;
        }
        if (v.buffer().getInt(v.ahOffset() + 4) != v.ipv4Source()) {
            out.log("IPSEC AH : invalid IPSEC SPI value. " + Integer.toUnsignedString(Integer.reverseBytes(v.ipv4Source()))
                    + " and expect " + Integer.toUnsignedString(Integer.reverseBytes(v.buffer().getInt(v.ahOffset() + 4))));
            return Verdict.KO;
        }
        long sequence = v.ahSequence();
        if (sequence > r.ahSequence) {
            r.ahSequence = sequence;
        } else {
            out.log(name + " IPSEC-AH : sequence number " + sequence + " already processed. Packet dropped. Local("
                    + r.ahSequence + ")");
            return Verdict.KO;
        }
        if (r.state == VrrpState.BACKUP) {
            r.ahCycle = false;
        }
        return Verdict.OK;
    }

    private static boolean checksumOk(VirtualRouter r, AdvertisementView v, String name, boolean unicast,
                                      RouterActions out) {
        ByteBuffer b = v.buffer();
        int vrrpLength = v.expectedVrrpLength();
        if (r.config.version() == 2 || r.config.v3Checksum() == V3Checksum.NO_PSEUDO_HEADER) {
            if (InternetChecksum.of(b, v.vrrpOffset(), vrrpLength) != 0) {
                out.log(name + " Invalid VRRPv" + r.config.version() + " checksum");
                return false;
            }
            return true;
        }
        boolean old = r.oldUnicastChecksum || r.config.v3Checksum() == V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP;
        int destination = old ? group4() : v.ipv4Destination();
        if (v3Sum(b, v, destination, vrrpLength) == 0) {
            return true;
        }
        // OLD_CHKSUM_COMPAT: a unicast peer older than 1.3.6 sums with 224.0.0.18; follow it.
        if (unicast && !old && v.ipv4Destination() != group4() && v3Sum(b, v, group4(), vrrpLength) == 0) {
            r.oldUnicastChecksum = true;
            out.log(name + " Setting unicast VRRPv3 checksum to old version");
            return true;
        }
        out.log(name + " Invalid VRRPv3 checksum");
        return false;
    }

    private static int v3Sum(ByteBuffer b, AdvertisementView v, int destination, int vrrpLength) {
        long sum = InternetChecksum.addWord(0, v.ipv4Source() >>> 16);
        sum = InternetChecksum.addWord(sum, v.ipv4Source());
        sum = InternetChecksum.addWord(sum, destination >>> 16);
        sum = InternetChecksum.addWord(sum, destination);
        sum = InternetChecksum.addWord(sum, Vrrp.IPPROTO_VRRP);
        sum = InternetChecksum.addWord(sum, vrrpLength);
        return InternetChecksum.finish(InternetChecksum.add(sum, b, v.vrrpOffset(), vrrpLength));
    }

    private static int group4() {
        return ByteBuffer.wrap(Vrrp.GROUP4.getAddress()).getInt();
    }

    private static boolean isPeer(VirtualRouter r, byte[] source) {
        for (InetAddress peer : r.config.unicastPeers()) {
            if (java.util.Arrays.equals(peer.getAddress(), source)) {
                return true;
            }
        }
        return false;
    }
}

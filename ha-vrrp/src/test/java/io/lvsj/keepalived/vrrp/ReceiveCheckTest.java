package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.Authentication;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static io.lvsj.keepalived.vrrp.Peer.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keepalived's receive validation: each bad advert is refused with its log line and counter. */
class ReceiveCheckTest {
    final RecordingActions out = new RecordingActions();
    static final List<InetAddress> VIPS = List.of(ip("192.0.2.100"), ip("192.0.2.101"));

    VrrpEngine engine;

    VirtualRouter backup(VirtualRouterConfig.Builder b) {
        engine = new VrrpEngine(VrrpConfig.of(List.of(b.build())));
        engine.start(0, i -> true, Map.of(), out);
        return engine.router("VI_1");
    }

    static VirtualRouterConfig.Builder config(int version) {
        return VirtualRouterConfig.builder("VI_1", "eth0", 51).version(version).sourceAddress(ip("192.0.2.1"))
                .virtualAddresses(VIPS.stream().map(VirtualAddress::of).toList());
    }

    /** Delivers the advert to the backup and says whether it was accepted (it re-arms the down timer). */
    boolean accepted(VirtualRouter r, Reception in) {
        now += 1000;
        long before = r.deadline();
        engine.receive(r, in, now, out);
        return r.deadline() != before;
    }

    private long now;

    @Test
    void acceptsAGoodAdvert() {
        VirtualRouter r = backup(config(2));
        assertTrue(accepted(r, new Peer("192.0.2.2", 2, 51, 100, VIPS, null).advert(150)));
        assertEquals(1, r.stats().advertRcvd);
    }

    @Test
    void refusesAWrongTtlOnlyInMulticast() {
        VirtualRouter r = backup(config(2));
        Peer p = new Peer("192.0.2.2", 2, 51, 100, VIPS, null);
        p.ttl = 64;
        assertTrue(!accepted(r, p.advert(150)));
        assertTrue(out.logged("(VI_1) invalid TTL/HL. Received 64 and expect 255"));
        assertEquals(1, r.stats().ipTtlErr);
    }

    @Test
    void refusesAnotherVersion() {
        VirtualRouter r = backup(config(2));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 3, 51, 100, VIPS, null).advert(150)));
        assertTrue(out.logged("(VI_1) wrong version. Received 3 and expect 2"));
    }

    @Test
    void dropsADifferentV2Interval() {
        VirtualRouter r = backup(config(2));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 200, VIPS, null).advert(150)));
        assertTrue(out.logged("(VI_1) advertisement interval mismatch mine=1 sec rcv'd=2 sec"));
        assertEquals(1, r.stats().advertIntervalErr);
    }

    @Test
    void refusesAWrongAddressCountOrList() {
        VirtualRouter r = backup(config(2));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 100, List.of(ip("192.0.2.100")), null).advert(150)));
        assertTrue(out.logged("(VI_1) received an unexpected ip number count 1, expected 2!"));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 100,
                List.of(ip("192.0.2.100"), ip("192.0.2.102")), null).advert(150)));
        assertTrue(out.logged("(VI_1) ip address associated with VRID 51 not present in MASTER advert: 192.0.2.101"));
        assertEquals(2, r.stats().addrListErr);
    }

    @Test
    void refusesABadChecksum() {
        VirtualRouter r = backup(config(2));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 100, VIPS, null).advert(150,
                b -> b.put(20 + 6, (byte) (b.get(20 + 6) ^ 1)))));
        assertTrue(out.logged("(VI_1) Invalid VRRPv2 checksum"));
        VirtualRouter r3 = backup(config(3));
        assertTrue(!accepted(r3, new Peer("192.0.2.2", 3, 51, 100, VIPS, null).advert(150,
                b -> b.put(20 + 6, (byte) (b.get(20 + 6) ^ 1)))));
        assertTrue(out.logged("(VI_1) Invalid VRRPv3 checksum"));
    }

    @Test
    void refusesAWrongTypeAndATruncatedPacket() {
        VirtualRouter r = backup(config(2));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 100, VIPS, null).advert(150,
                b -> b.put(20, (byte) 0x22))));
        assertTrue(out.logged("(VI_1) Invalid packet type. 2 and expect 1"));
        Reception in = new Peer("192.0.2.2", 2, 51, 100, VIPS, null).advert(150);
        in.view.wrap(in.view.buffer(), in.view.length() - 4, true);
        assertTrue(!accepted(r, in));
        assertTrue(out.logged("(VI_1) vrrp packet too short, length 40 and expect 44"));
    }

    @Test
    void passwordMustMatch() {
        VirtualRouter r = backup(config(2).authentication(Authentication.of(AuthType.PASS, "secret")));
        assertTrue(accepted(r, new Peer("192.0.2.2", 2, 51, 100, VIPS, Authentication.of(AuthType.PASS, "secret"))
                .advert(150)));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 100, VIPS, Authentication.of(AuthType.PASS, "other"))
                .advert(150)));
        assertTrue(out.logged("(VI_1) received an invalid passwd!"));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 100, VIPS, null).advert(150)));
        assertTrue(out.logged("(VI_1) received a 0 auth, expecting 1!"));
        assertEquals(1, r.stats().authFailure);
        assertEquals(1, r.stats().authtypeMismatch);
    }

    @Test
    void ahChecksTheIcvAndRefusesReplays() {
        Authentication key = Authentication.of(AuthType.AH, "secret");
        VirtualRouter r = backup(config(2).authentication(key));
        Peer good = new Peer("192.0.2.2", 2, 51, 100, VIPS, key);
        Reception first = good.advert(150);
        assertTrue(accepted(r, first));
        assertTrue(!accepted(r, first), "the same sequence number again is a replay");
        assertTrue(out.logged("(VI_1) IPSEC-AH : sequence number 1 already processed. Packet dropped. Local(1)"));
        assertTrue(accepted(r, good.advert(150)));
        Peer wrongKey = new Peer("192.0.2.2", 2, 51, 100, VIPS, Authentication.of(AuthType.AH, "guess"));
        wrongKey.ahSequence = 100;
        assertTrue(!accepted(r, wrongKey.advert(150)));
        assertTrue(out.logged("IPSEC-AH : invalid IPSEC HMAC-MD5 value"));
        assertTrue(!accepted(r, new Peer("192.0.2.2", 2, 51, 100, VIPS, null).advert(150)));
        assertTrue(out.logged("(VI_1) No AH header but auth type is AH"));
    }

    @Test
    void unicastInstancesRefuseMulticastAndSkipTheTtlCheck() {
        VirtualRouter r = backup(config(3).unicastPeers(List.of(ip("192.0.2.2"))));
        Peer p = new Peer("192.0.2.2", 3, 51, 100, VIPS, null);
        assertTrue(!accepted(r, p.advert(150)));
        assertTrue(out.logged("(VI_1) Expected unicast packet but received multicast packet"));
        assertEquals(1, r.stats().destinationErr, "counted as a drop");
        p.destination = ip("192.0.2.1").getAddress();
        p.ttl = 64;
        assertTrue(accepted(r, p.advert(150)), "unicast adverts may have crossed routers");
    }

    @Test
    void followsAPeerUsingThePre136UnicastChecksum() {
        VirtualRouter r = backup(config(3).unicastPeers(List.of(ip("192.0.2.2"))));
        Peer old = new Peer("192.0.2.2", 3, 51, 100, VIPS, null);
        old.destination = ip("192.0.2.1").getAddress();
        old.checksum = V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP;
        assertTrue(accepted(r, old.advert(150)));
        assertTrue(out.logged("(VI_1) Setting unicast VRRPv3 checksum to old version"));
        assertTrue(r.oldUnicastChecksum(), "our own adverts follow");
    }

    @Test
    void checkUnicastSourceRefusesStrangers() {
        VirtualRouter r = backup(config(3).unicastPeers(List.of(ip("192.0.2.2"))).checkUnicastSource(true));
        Peer stranger = new Peer("192.0.2.9", 3, 51, 100, VIPS, null);
        stranger.destination = ip("192.0.2.1").getAddress();
        assertTrue(!accepted(r, stranger.advert(150)));
        assertTrue(out.logged("(VI_1) unicast source address 192.0.2.9 not a unicast peer"));
        assertEquals(1, r.stats().peerErr, "counted as a drop");
    }

    @Test
    void aUnicastPeersAdvertsMustArriveWithinItsTtlRange() {
        VirtualRouter r = backup(config(3).unicastPeers(List.of(ip("192.0.2.2"))).checkUnicastSource(true)
                .peerTtls(java.util.Map.of(ip("192.0.2.2"), new io.lvsj.keepalived.vrrp.config.VirtualRouterConfig
                        .TtlRange(250, 255))));
        Peer peer = new Peer("192.0.2.2", 3, 51, 100, VIPS, null);
        peer.destination = ip("192.0.2.1").getAddress();
        peer.ttl = 253;
        assertTrue(accepted(r, peer.advert(150)));
        peer.ttl = 249;
        assertTrue(!accepted(r, peer.advert(150)));
        assertTrue(out.logged("(VI_1) TTL/HL 249 not in range 250 - 255"));
        assertEquals(1, r.stats().ipTtlErr);
    }

    @Test
    void ourAhSequenceContinuesFromTheHighestOneAccepted() {
        Authentication key = Authentication.of(AuthType.AH, "secret");
        VirtualRouter r = backup(config(2).authentication(key));
        Peer master = new Peer("192.0.2.2", 2, 51, 100, VIPS, key);
        master.ahSequence = 41;
        assertTrue(accepted(r, master.advert(150)));
        assertEquals(42, r.ahSequence(), "a restarted keepalived-j must not send numbers its peer has seen");
        Peer forged = new Peer("192.0.2.2", 2, 51, 100, VIPS, Authentication.of(AuthType.AH, "guess"));
        forged.ahSequence = 1000;
        assertTrue(!accepted(r, forged.advert(150)));
        assertEquals(42, r.ahSequence(), "only authenticated numbers count");
    }
}

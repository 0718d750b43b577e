package io.lvsj.keepalived.vrrp;

import io.lvsj.fuzz.Fuzz;
import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.wire.AuthType;
import io.lvsj.keepalived.vrrp.wire.Authentication;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.lvsj.keepalived.vrrp.Peer.ip;

/**
 * Fuzz target "vrrp": mutated adverts (v2 without authentication, with a password and with
 * AH; v3 over IPv4, multicast and unicast; v3 over IPv6) go through what the receive loop does
 * with a datagram: {@code AdvertisementView.wrap}, then the receive checks and the state
 * machine of a backup configured to match the seed. Each is accepted or refused (and counted
 * by the checks); none throws. The datagram sits in a buffer of exactly its length, so a read
 * past the end of what arrived is an exception here, not stale bytes.
 */
class AdvertFuzzTest {
    static final List<InetAddress> VIPS4 = List.of(ip("192.0.2.100"), ip("192.0.2.101"));
    static final List<InetAddress> VIPS6 = List.of(ip("2001:db8::100"));
    static final Authentication PASS = Authentication.of(AuthType.PASS, "secret");
    static final Authentication AH = Authentication.of(AuthType.AH, "secret");

    /** The backups that receive every input: one per kind of seed. */
    static final List<Consumer<VirtualRouterConfig.Builder>> ROUTERS = List.of(
            b -> b.version(2).virtualAddresses(addresses(VIPS4)),
            b -> b.version(2).virtualAddresses(addresses(VIPS4)).authentication(PASS),
            b -> b.version(2).virtualAddresses(addresses(VIPS4)).authentication(AH),
            b -> b.version(3).virtualAddresses(addresses(VIPS4)),
            b -> b.version(3).virtualAddresses(addresses(VIPS4)).unicastPeers(List.of(ip("192.0.2.2")))
                    .checkUnicastSource(true),
            b -> b.version(3).virtualAddresses(addresses(VIPS6)).sourceAddress(ip("2001:db8::1")));

    @Test
    void everyAdvertIsAcceptedOrRefusedAndCounted() {
        Fuzzer.target("vrrp", seeds()).run(5_000, datagram -> {
            Outcome outcome = Outcome.REJECTED;
            for (int i = 0; i < ROUTERS.size(); i++) {
                boolean ipv4 = i < ROUTERS.size() - 1;
                if (deliver(datagram, ipv4, ROUTERS.get(i)) == Outcome.CLEAN) {
                    outcome = Outcome.CLEAN;
                }
            }
            return outcome;
        });
    }

    /** CLEAN when the backup accepted the advert; REJECTED when the view or the checks refused it. */
    private static Outcome deliver(byte[] datagram, boolean ipv4, Consumer<VirtualRouterConfig.Builder> router) {
        Reception in = new Reception();
        ByteBuffer exact = ByteBuffer.wrap(datagram.clone());
        boolean[] accepted = new boolean[1];
        Fuzz.cleanOrRejected(() -> {
            if (!in.view.wrap(exact, datagram.length, ipv4) || in.view.vrid() == 0) {
                return; // dropped by the socket, or no instance has VRID 0 (VrrpLoop.find)
            }
            in.ttl = ipv4 ? in.view.ipTtl() : 255;
            in.multicast = ipv4 ? in.view.ipv4DestinationIsMulticast() : true;
            byte[] source = ipv4 ? ip("192.0.2.2").getAddress() : ip("2001:db8::2").getAddress();
            System.arraycopy(source, 0, ipv4 ? in.source4 : in.source6, 0, source.length);
            VirtualRouterConfig.Builder b = VirtualRouterConfig.builder("VI_1", "eth0", in.view.vrid())
                    .sourceAddress(ip("192.0.2.1"));
            router.accept(b);
            VrrpEngine engine = new VrrpEngine(VrrpConfig.of(List.of(b.build())));
            RecordingActions actions = new RecordingActions();
            engine.start(0, x -> true, Map.of(), actions);
            VirtualRouter r = engine.router("VI_1");
            long before = r.deadline();
            engine.receive(r, in, 1000, actions);
            accepted[0] = r.deadline() != before;
            if (!accepted[0] && actions.logs.isEmpty()) {
                throw new AssertionError("an advert was refused without a log line");
            }
            in.view.toAdvertisement().toString();
        }, t -> false);
        return accepted[0] ? Outcome.CLEAN : Outcome.REJECTED;
    }

    private static List<VirtualAddress> addresses(List<InetAddress> vips) {
        return vips.stream().map(VirtualAddress::of).toList();
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(bytes(new Peer("192.0.2.2", 2, 51, 100, VIPS4, null)));
        seeds.add(bytes(new Peer("192.0.2.2", 2, 51, 100, VIPS4, PASS)));
        seeds.add(bytes(new Peer("192.0.2.2", 2, 51, 100, VIPS4, AH)));
        seeds.add(bytes(new Peer("192.0.2.2", 3, 51, 100, VIPS4, null)));
        Peer unicast = new Peer("192.0.2.2", 3, 52, 100, VIPS4, null);
        unicast.destination = ip("192.0.2.1").getAddress();
        seeds.add(bytes(unicast));
        seeds.add(bytes(new Peer("2001:db8::2", 3, 53, 100, VIPS6, null)));
        return seeds;
    }

    private static byte[] bytes(Peer peer) {
        Reception in = peer.advert(150);
        return Arrays.copyOf(in.view.buffer().array(), in.view.length());
    }
}

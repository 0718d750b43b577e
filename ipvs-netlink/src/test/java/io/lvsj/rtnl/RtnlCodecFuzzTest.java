package io.lvsj.rtnl;

import io.lvsj.fuzz.Fuzz;
import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.lvsj.lab.Addresses.ip;

/**
 * Fuzz target "rtnetlink": mutated link, address, neighbour, route and rule messages, what
 * {@link RtnlMonitor} and {@link RtnlClient}'s dumps decode. Every decoder, on every message,
 * returns a value or rejects it with the decoders' {@link IllegalArgumentException}.
 */
class RtnlCodecFuzzTest {

    @Test
    void everyRtnetlinkMessageDecodesOrIsRejected() {
        Fuzzer.target("rtnetlink", seeds()).run(20_000, datagram -> {
            List<NetlinkMessage> messages = new ArrayList<>();
            Outcome read = Fuzz.cleanOrRejected(() -> messages.addAll(MessageReader.read(ByteBuffer.wrap(datagram))),
                    Fuzz::isDecoderRejection);
            Outcome events = Outcome.CLEAN;
            for (NetlinkMessage m : messages) {
                // Each decoder on its own, so one decoder's rejection does not hide another's crash.
                if (Fuzz.cleanOrRejected(() -> RtnlCodec.decodeEvent(m), Fuzz::isDecoderRejection) == Outcome.REJECTED) {
                    events = Outcome.REJECTED;
                }
                Fuzz.cleanOrRejected(() -> RtnlCodec.decodeLink(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> RtnlCodec.decodeAddress(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> RtnlCodec.decodeNeighbour(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> RtnlCodec.decodeRoute(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> RtnlCodec.decodeRule(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> RtnlCodec.isInet(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> RtnlCodec.isUnicastRoute(m), Fuzz::isDecoderRejection);
            }
            return read == Outcome.CLEAN && events == Outcome.CLEAN ? Outcome.CLEAN : Outcome.REJECTED;
        });
    }

    /** Valid messages of every kind the decoders read, IPv4 and IPv6. */
    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(link());
        for (InetAddress a : List.of(ip("192.0.2.7"), ip("2001:db8::7"))) {
            boolean v6 = a.getAddress().length == 16;
            seeds.add(message(Rtnl.RTM_NEWADDR, w -> RtnlCodec.encodeAddress(w,
                    new InterfaceAddress(3, a, 24, Scope.GLOBAL, v6 ? "" : "eth0:vip", v6 ? null : ip("192.0.2.255"),
                            0x180, 100, 200))));
            seeds.add(message(Rtnl.RTM_DELNEIGH, w -> RtnlCodec.encodeNeighbour(w,
                    new Neighbour(3, a, MacAddress.parse("02:00:5e:00:01:0b"), Neighbour.REACHABLE))));
            seeds.add(message(Rtnl.RTM_NEWROUTE, w -> RtnlCodec.encodeRoute(w,
                    new Route(a, 24, v6 ? ip("2001:db8::1") : ip("192.0.2.1"), 3, a, 7, 300, Scope.GLOBAL, v6))));
            seeds.add(message(Rtnl.RTM_NEWRULE, w -> RtnlCodec.encodeRule(w,
                    new Rule(v6, 100, a, 24, a, 24, 5, 0, "eth0", "eth1", 300, Rule.Action.TO_TABLE))));
        }
        return seeds;
    }

    private static byte[] link() {
        return message(Rtnl.RTM_NEWLINK, w -> {
            RtnlCodec.linkHeader(w, 3, 1, 0);
            w.string(Rtnl.IFLA_IFNAME, "eth0");
            w.bytes(Rtnl.IFLA_ADDRESS, MacAddress.parse("02:00:5e:00:01:0b").bytes());
            w.u32(Rtnl.IFLA_MTU, 1500);
            w.u8(Rtnl.IFLA_OPERSTATE, 6);
            int info = w.beginNested(Rtnl.IFLA_LINKINFO);
            w.string(Rtnl.IFLA_INFO_KIND, "veth");
            w.endNested(info);
        });
    }

    private static byte[] message(int type, Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        int m = w.begin(type, 0, 1);
        body.accept(w);
        w.end(m);
        return w.toByteArray();
    }
}

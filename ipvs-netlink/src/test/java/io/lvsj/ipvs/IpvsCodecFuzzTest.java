package io.lvsj.ipvs;

import io.lvsj.fuzz.Fuzz;
import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import io.lvsj.netlink.MessageReader;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.NetlinkMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.lvsj.lab.Addresses.ip;

/**
 * Fuzz target "ipvs-genl": mutated IPVS replies (services of both families and by fwmark,
 * destinations with and without their family, sync daemons, info, timeouts). Each decoder
 * returns a value or rejects the message with {@link IllegalArgumentException}.
 */
class IpvsCodecFuzzTest {

    @Test
    void everyIpvsReplyDecodesOrIsRejected() {
        Fuzzer.target("ipvs-genl", seeds()).run(20_000, datagram -> {
            List<NetlinkMessage> messages = new ArrayList<>();
            Outcome read = Fuzz.cleanOrRejected(() -> messages.addAll(MessageReader.read(ByteBuffer.wrap(datagram))),
                    Fuzz::isDecoderRejection);
            Outcome decoded = Outcome.CLEAN;
            for (NetlinkMessage m : messages) {
                Outcome main = Fuzz.cleanOrRejected(() -> {
                    switch (m.genlCommand()) {
                        case IpvsGenl.CMD_NEW_SERVICE -> IpvsCodec.decodeService(m).toString();
                        case IpvsGenl.CMD_NEW_DEST -> IpvsCodec.decodeDestination(m, AddressFamily.INET).toString();
                        case IpvsGenl.CMD_NEW_DAEMON -> IpvsCodec.decodeDaemon(m).toString();
                        case IpvsGenl.CMD_SET_INFO -> IpvsCodec.decodeInfo(m).toString();
                        default -> IpvsCodec.decodeTimeouts(m).toString();
                    }
                }, Fuzz::isDecoderRejection);
                decoded = main == Outcome.REJECTED ? main : decoded;
                Fuzz.cleanOrRejected(() -> IpvsCodec.decodeService(m).toString(), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> IpvsCodec.decodeDestination(m, AddressFamily.INET6).toString(),
                        Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> IpvsCodec.decodeDaemon(m).toString(), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> IpvsCodec.decodeInfo(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> IpvsCodec.decodeTimeouts(m), Fuzz::isDecoderRejection);
            }
            return read == Outcome.CLEAN && decoded == Outcome.CLEAN ? Outcome.CLEAN : Outcome.REJECTED;
        });
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(reply(IpvsGenl.CMD_NEW_SERVICE, w -> {
            int svc = w.beginNested(IpvsGenl.CMD_ATTR_SERVICE);
            w.u16(IpvsGenl.SVC_ATTR_AF, 2).u16(IpvsGenl.SVC_ATTR_PROTOCOL, 6)
                    .address(IpvsGenl.SVC_ATTR_ADDR, ip("192.0.2.10"), 16).be16(IpvsGenl.SVC_ATTR_PORT, 80)
                    .string(IpvsGenl.SVC_ATTR_SCHED_NAME, "wlc").string(IpvsGenl.SVC_ATTR_PE_NAME, "sip")
                    .u32s(IpvsGenl.SVC_ATTR_FLAGS, ServiceFlags.PERSISTENT | ServiceFlags.HASHED, 0xffffffff)
                    .u32(IpvsGenl.SVC_ATTR_TIMEOUT, 360).be32(IpvsGenl.SVC_ATTR_NETMASK, 0xffffff00);
            stats(w, IpvsGenl.SVC_ATTR_STATS64, true);
            stats(w, IpvsGenl.SVC_ATTR_STATS, false);
            w.endNested(svc);
        }));
        seeds.add(reply(IpvsGenl.CMD_NEW_SERVICE, w -> {
            int svc = w.beginNested(IpvsGenl.CMD_ATTR_SERVICE);
            w.u16(IpvsGenl.SVC_ATTR_AF, 10).u32(IpvsGenl.SVC_ATTR_FWMARK, 7)
                    .string(IpvsGenl.SVC_ATTR_SCHED_NAME, "rr").u32s(IpvsGenl.SVC_ATTR_FLAGS, 0, 0xffffffff)
                    .u32(IpvsGenl.SVC_ATTR_TIMEOUT, 0).u32(IpvsGenl.SVC_ATTR_NETMASK, 128);
            w.endNested(svc);
        }));
        seeds.add(reply(IpvsGenl.CMD_NEW_DEST, w -> {
            int d = w.beginNested(IpvsGenl.CMD_ATTR_DEST);
            w.u16(IpvsGenl.DEST_ATTR_ADDR_FAMILY, 10).address(IpvsGenl.DEST_ATTR_ADDR, ip("2001:db8::5"), 16)
                    .be16(IpvsGenl.DEST_ATTR_PORT, 8080).u32(IpvsGenl.DEST_ATTR_FWD_METHOD, 2)
                    .u32(IpvsGenl.DEST_ATTR_WEIGHT, 5).u32(IpvsGenl.DEST_ATTR_U_THRESH, 10)
                    .u32(IpvsGenl.DEST_ATTR_L_THRESH, 2).u32(IpvsGenl.DEST_ATTR_ACTIVE_CONNS, 3)
                    .u32(IpvsGenl.DEST_ATTR_INACT_CONNS, 4).u32(IpvsGenl.DEST_ATTR_PERSIST_CONNS, 1)
                    .u8(IpvsGenl.DEST_ATTR_TUN_TYPE, 1).be16(IpvsGenl.DEST_ATTR_TUN_PORT, 6080)
                    .u16(IpvsGenl.DEST_ATTR_TUN_FLAGS, 1);
            stats(w, IpvsGenl.DEST_ATTR_STATS64, true);
            w.endNested(d);
        }));
        seeds.add(reply(IpvsGenl.CMD_NEW_DEST, w -> {
            int d = w.beginNested(IpvsGenl.CMD_ATTR_DEST);
            w.address(IpvsGenl.DEST_ATTR_ADDR, ip("10.1.1.1"), 16).be16(IpvsGenl.DEST_ATTR_PORT, 80)
                    .u32(IpvsGenl.DEST_ATTR_FWD_METHOD, 0).u32(IpvsGenl.DEST_ATTR_WEIGHT, 1);
            stats(w, IpvsGenl.DEST_ATTR_STATS, false);
            w.endNested(d);
        }));
        seeds.add(reply(IpvsGenl.CMD_NEW_DAEMON, w -> {
            int d = w.beginNested(IpvsGenl.CMD_ATTR_DAEMON);
            w.u32(IpvsGenl.DAEMON_ATTR_STATE, 1).string(IpvsGenl.DAEMON_ATTR_MCAST_IFN, "eth0")
                    .u32(IpvsGenl.DAEMON_ATTR_SYNC_ID, 9).u16(IpvsGenl.DAEMON_ATTR_SYNC_MAXLEN, 1472)
                    .address(IpvsGenl.DAEMON_ATTR_MCAST_GROUP, ip("224.0.0.81"), 4)
                    .u16(IpvsGenl.DAEMON_ATTR_MCAST_PORT, 8848).u8(IpvsGenl.DAEMON_ATTR_MCAST_TTL, 1);
            w.endNested(d);
        }));
        seeds.add(reply(IpvsGenl.CMD_SET_INFO, w -> w.u32(IpvsGenl.INFO_ATTR_VERSION, 0x010201)
                .u32(IpvsGenl.INFO_ATTR_CONN_TAB_SIZE, 4096)));
        seeds.add(reply(IpvsGenl.CMD_SET_CONFIG, w -> w.u32(IpvsGenl.CMD_ATTR_TIMEOUT_TCP, 900)
                .u32(IpvsGenl.CMD_ATTR_TIMEOUT_TCP_FIN, 120).u32(IpvsGenl.CMD_ATTR_TIMEOUT_UDP, 300)));
        return seeds;
    }

    private static void stats(MessageWriter w, int type, boolean wide) {
        int nest = w.beginNested(type);
        for (int attr = IpvsGenl.STATS_ATTR_CONNS; attr <= IpvsGenl.STATS_ATTR_OUTBPS; attr++) {
            if (wide) {
                w.flag(11);
                w.u64(attr, 1L << 33 | attr);
            } else {
                w.u32(attr, attr);
            }
        }
        w.endNested(nest);
    }

    private static byte[] reply(int command, Consumer<MessageWriter> attributes) {
        MessageWriter w = new MessageWriter();
        int m = w.begin(0x24, 0x2, 7);
        w.genlHeader(command, 1);
        attributes.accept(w);
        w.end(m);
        return w.toByteArray();
    }
}

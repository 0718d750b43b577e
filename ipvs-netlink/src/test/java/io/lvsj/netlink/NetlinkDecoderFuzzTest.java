package io.lvsj.netlink;

import io.lvsj.fuzz.Fuzz;
import io.lvsj.fuzz.Fuzzer;
import io.lvsj.fuzz.Fuzzer.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fuzz target "netlink": mutated datagrams of the messages every netlink exchange reads:
 * NLMSG_ERROR (capped or echoing the request, with extended-ack text), NLMSG_DONE with a
 * status, the generic netlink controller's family reply. Splitting, acknowledgement and
 * attribute decoding return a value or reject with {@link IllegalArgumentException}.
 */
class NetlinkDecoderFuzzTest {

    @Test
    void everyNetlinkMessageDecodesOrIsRejected() {
        Fuzzer.target("netlink", seeds()).run(20_000, datagram -> {
            List<NetlinkMessage> messages = new ArrayList<>();
            Outcome read = Fuzz.cleanOrRejected(() -> messages.addAll(MessageReader.read(ByteBuffer.wrap(datagram))),
                    Fuzz::isDecoderRejection);
            Outcome decoded = Outcome.CLEAN;
            for (NetlinkMessage m : messages) {
                Outcome main = Fuzz.cleanOrRejected(() -> {
                    switch (m.type()) {
                        case Netlink.NLMSG_ERROR -> Acknowledgement.of(m).toString();
                        case Netlink.NLMSG_DONE -> Acknowledgement.ofDone(m).toString();
                        default -> GenericFamily.decode(m);
                    }
                }, Fuzz::isDecoderRejection);
                decoded = main == Outcome.REJECTED ? main : decoded;
                Fuzz.cleanOrRejected(() -> Acknowledgement.of(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> Acknowledgement.ofDone(m), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(m::genlCommand, Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> walk(m.genlAttributes(), 0), Fuzz::isDecoderRejection);
                Fuzz.cleanOrRejected(() -> walk(m.attributesAfter(16), 0), Fuzz::isDecoderRejection);
            }
            return read == Outcome.CLEAN && decoded == Outcome.CLEAN ? Outcome.CLEAN : Outcome.REJECTED;
        });
    }

    /** Reads every attribute every way, nested ones too, as a careless caller might. */
    private static void walk(Attributes a, int depth) {
        for (Attributes.Attribute each : a.all()) {
            int t = each.type();
            a.string(t);
            a.counter(t);
            a.u8(t, 0);
            a.u16(t, 0);
            a.u32(t, 0);
            a.u64(t, 0);
            a.bytes(t);
            if (depth < 4) {
                try {
                    walk(each.nested(), depth + 1);
                } catch (IllegalArgumentException notNested) {
                    // most attributes are not nested; that is the documented rejection
                }
            }
        }
    }

    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(message(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS, w -> {
            w.raw(ints(-17, 20, 0x00050024, 77, 999));
            w.string(Netlink.NLMSGERR_ATTR_MSG, "Service already exists");
            w.u32(Netlink.NLMSGERR_ATTR_OFFS, 20);
        }));
        seeds.add(message(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS, w -> {
            w.raw(ints(-2, 24, 0x00050024, 5, 0, 0x0101, 0));
            w.string(Netlink.NLMSGERR_ATTR_MSG, "No such file");
        }));
        seeds.add(message(Netlink.NLMSG_ERROR, 0, w -> w.raw(ints(0, 16, 0x00050024, 5, 0))));
        seeds.add(message(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | Netlink.NLM_F_ACK_TLVS, w -> {
            w.raw(ints(-16));
            w.string(Netlink.NLMSGERR_ATTR_MSG, "dump interrupted");
        }));
        seeds.add(message(Netlink.GENL_ID_CTRL, 0, w -> {
            w.genlHeader(1, 2);
            w.string(Netlink.CTRL_ATTR_FAMILY_NAME, "IPVS");
            w.u16(Netlink.CTRL_ATTR_FAMILY_ID, 0x24);
            w.u32(Netlink.CTRL_ATTR_VERSION, 1);
            int groups = w.beginNested(Netlink.CTRL_ATTR_MCAST_GROUPS);
            int g = w.beginNested(1);
            w.string(Netlink.CTRL_ATTR_MCAST_GRP_NAME, "events");
            w.u32(Netlink.CTRL_ATTR_MCAST_GRP_ID, 5);
            w.endNested(g);
            w.endNested(groups);
        }));
        return seeds;
    }

    private static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.nativeOrder());
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] message(int type, int flags, Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        int m = w.begin(type, flags, 77);
        body.accept(w);
        w.end(m);
        return w.toByteArray();
    }
}

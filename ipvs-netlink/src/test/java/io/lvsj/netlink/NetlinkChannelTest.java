package io.lvsj.netlink;

import io.lvsj.sys.Errno;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The channel against the host kernel's generic netlink controller, which every Linux has:
 * queries, dumps, extended-ack errors and pipelined batches over a real socket.
 */
class NetlinkChannelTest {
    private NetlinkChannel channel;

    @BeforeEach
    void open() {
        channel = new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_GENERIC));
    }

    @AfterEach
    void close() {
        channel.close();
    }

    private static MessageBody getFamily(String name) {
        return w -> w.genlHeader(Netlink.CTRL_CMD_GETFAMILY, 1).string(Netlink.CTRL_ATTR_FAMILY_NAME, name);
    }

    @Test
    void resolvesTheControllerItself() {
        GenericFamily ctrl = GenericFamily.resolve(channel, "nlctrl");
        assertEquals(Netlink.GENL_ID_CTRL, ctrl.id());
        assertEquals("nlctrl", ctrl.name());
        assertTrue(ctrl.multicastGroups().containsKey("notify"), ctrl.toString());
    }

    @Test
    void dumpsEveryFamilyAcrossMultipartMessages() {
        List<String> names = new ArrayList<>();
        channel.dump("list families", Netlink.GENL_ID_CTRL, w -> w.genlHeader(Netlink.CTRL_CMD_GETFAMILY, 1),
                m -> names.add(m.genlAttributes().string(Netlink.CTRL_ATTR_FAMILY_NAME)));
        assertTrue(names.contains("nlctrl"), names.toString());
        assertTrue(names.size() >= 2, names.toString());
    }

    @Test
    void carriesTheKernelsExtendedAckText() {
        // A family id attribute of the wrong size fails the controller's policy check.
        NetlinkException e = assertThrows(NetlinkException.class, () -> channel.query("malformed request",
                Netlink.GENL_ID_CTRL, 0, w -> w.genlHeader(Netlink.CTRL_CMD_GETFAMILY, 1).u8(Netlink.CTRL_ATTR_FAMILY_ID, 1),
                m -> m));
        assertEquals(Errno.ERANGE, e.errnoValue());
        assertNotNull(e.kernelMessage(), "the kernel explains policy failures through extended ACKs");
        assertEquals("malformed request: ERANGE (Numerical result out of range): " + e.kernelMessage(), e.getMessage());
    }

    @Test
    void aBatchReportsEachFailedRequestByIndexAndTheRestSucceed() {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            requests.add(new Request(Netlink.GENL_ID_CTRL, 0, getFamily(i % 100 == 7 ? "nope-" + i : "nlctrl")));
        }
        List<BatchFailure> failures = channel.executeAll(requests);
        assertEquals(10, failures.size());
        for (int k = 0; k < 10; k++) {
            assertEquals(k * 100 + 7, failures.get(k).index());
            assertEquals(Errno.ENOENT, failures.get(k).errnoValue());
        }
        // The channel is still in step afterwards.
        assertEquals(Netlink.GENL_ID_CTRL, GenericFamily.resolve(channel, "nlctrl").id());
    }

    @Test
    void aMissingFamilyIsEnoent() {
        NetlinkException e = assertThrows(NetlinkException.class, () -> GenericFamily.resolve(channel, "LVSJ-NONE"));
        assertEquals(Errno.ENOENT, e.errnoValue());
        assertTrue(e.getMessage().startsWith("resolve generic netlink family LVSJ-NONE: ENOENT"), e.getMessage());
    }
}

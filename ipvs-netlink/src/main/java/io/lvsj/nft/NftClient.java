package io.lvsj.nft;

import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkChannel;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.netlink.Request;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * nftables over its netlink protocol (nfnetlink, subsystem NFTABLES): whether a table exists,
 * deleting one, and adding or deleting elements of a set or map, each change one transaction.
 * These are what a VRRP master does on every transition (keepalived adds its VIPs to its
 * {@code vips} set), so they take microseconds and start no process. Tables, chains, sets and
 * rules are made with {@code nft} itself.
 */
public final class NftClient implements AutoCloseable {
    /** {@code NFPROTO_*}: the nftables families keepalived uses. */
    public enum Family {
        IP(2, "ip"), IP6(10, "ip6");

        final int number;
        private final String word;

        Family(int number, String word) {
            this.number = number;
            this.word = word;
        }

        /** As {@code nft} writes it. */
        public String word() {
            return word;
        }
    }

    /** A set element: its key, and for a map the value it maps to ({@code null} for a plain set). */
    public record Element(byte[] key, byte[] data) {
        public Element {
            key = key.clone();
            data = data == null ? null : data.clone();
        }

        public static Element of(byte[] key) {
            return new Element(key, null);
        }
    }

    private static final int NFNL_SUBSYS_NFTABLES = 10;
    private static final int NFNL_MSG_BATCH_BEGIN = 0x10;
    private static final int NFNL_MSG_BATCH_END = 0x11;
    private static final int NFT_MSG_GETTABLE = 1;
    private static final int NFT_MSG_DELTABLE = 2;
    private static final int NFT_MSG_NEWSETELEM = 12;
    private static final int NFT_MSG_DELSETELEM = 14;
    private static final int NFTA_TABLE_NAME = 1;
    private static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    private static final int NFTA_SET_ELEM_LIST_SET = 2;
    private static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    private static final int NFTA_LIST_ELEM = 1;
    private static final int NFTA_SET_ELEM_KEY = 1;
    private static final int NFTA_SET_ELEM_DATA = 2;
    private static final int NFTA_DATA_VALUE = 1;

    private final NetlinkChannel channel;

    private NftClient(NetlinkChannel channel) {
        this.channel = channel;
    }

    /** Opens a client for {@code namespace}, or for the caller's when {@code null}. */
    public static NftClient open(NetNamespace namespace) {
        try {
            return new NftClient(new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_NETFILTER, namespace)));
        } catch (ErrnoException e) {
            throw new NetlinkException("open an nftables netlink socket", e.errno(), null, e);
        }
    }

    private static int type(int message) {
        return NFNL_SUBSYS_NFTABLES << 8 | message;
    }

    /** {@code struct nfgenmsg}: family, version 0, resource id (big-endian). */
    private static void header(MessageWriter w, int family, int resourceId) {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) family).put((byte) 0).putShort((short) resourceId);
        w.raw(b.array());
    }

    /** Whether {@code family}'s table {@code name} exists. */
    public boolean hasTable(Family family, String name) {
        try {
            channel.query("get table " + family.word + " " + name, type(NFT_MSG_GETTABLE), 0, w -> {
                header(w, family.number, 0);
                w.string(NFTA_TABLE_NAME, name);
            }, m -> Boolean.TRUE);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT.number()) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes table {@code name} with everything in it. */
    public void deleteTable(Family family, String name) {
        commit("delete table " + family.word + " " + name, List.of(new Request(type(NFT_MSG_DELTABLE), 0, w -> {
            header(w, family.number, 0);
            w.string(NFTA_TABLE_NAME, name);
        })));
    }

    /** Adds {@code elements} to set (or map) {@code set}; with {@code exclusive} one already there is an error. */
    public void addElements(Family family, String table, String set, List<Element> elements, boolean exclusive) {
        elements("add elements to " + family.word + " " + table + " " + set, NFT_MSG_NEWSETELEM,
                Netlink.NLM_F_CREATE | (exclusive ? Netlink.NLM_F_EXCL : 0), family, table, set, elements);
    }

    /** Deletes {@code elements} from set (or map) {@code set}. */
    public void deleteElements(Family family, String table, String set, List<Element> elements) {
        elements("delete elements from " + family.word + " " + table + " " + set, NFT_MSG_DELSETELEM, 0, family,
                table, set, elements);
    }

    private void elements(String operation, int message, int flags, Family family, String table, String set,
                          List<Element> elements) {
        if (elements.isEmpty()) {
            return;
        }
        commit(operation, List.of(new Request(type(message), flags, w -> {
            header(w, family.number, 0);
            w.string(NFTA_SET_ELEM_LIST_TABLE, table);
            w.string(NFTA_SET_ELEM_LIST_SET, set);
            int list = w.beginNested(NFTA_SET_ELEM_LIST_ELEMENTS);
            for (Element e : elements) {
                int element = w.beginNested(NFTA_LIST_ELEM);
                int key = w.beginNested(NFTA_SET_ELEM_KEY);
                w.bytes(NFTA_DATA_VALUE, e.key());
                w.endNested(key);
                if (e.data() != null) {
                    int data = w.beginNested(NFTA_SET_ELEM_DATA);
                    w.bytes(NFTA_DATA_VALUE, e.data());
                    w.endNested(data);
                }
                w.endNested(element);
            }
            w.endNested(list);
        })));
    }

    private void commit(String operation, List<Request> requests) {
        Request begin = new Request(NFNL_MSG_BATCH_BEGIN, 0, w -> header(w, 0, NFNL_SUBSYS_NFTABLES));
        Request end = new Request(NFNL_MSG_BATCH_END, 0, w -> header(w, 0, NFNL_SUBSYS_NFTABLES));
        channel.transaction(operation, begin, requests, end);
    }

    @Override
    public void close() {
        channel.close();
    }
}

package io.lvsj.netlink;

/** Netlink wire constants ({@code linux/netlink.h}, {@code linux/genetlink.h}). */
public final class Netlink {
    private Netlink() {
    }

    /** Netlink protocols (the third argument of {@code socket}). */
    public static final int NETLINK_ROUTE = 0;
    /** nfnetlink: conntrack (ctnetlink), nftables, queues and logs. */
    public static final int NETLINK_NETFILTER = 12;
    public static final int NETLINK_GENERIC = 16;

    /** Socket option level and options. */
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    /** {@code struct nlmsghdr}: len u32, type u16, flags u16, seq u32, pid u32. */
    public static final int HEADER_LENGTH = 16;
    /** {@code struct genlmsghdr}: cmd u8, version u8, reserved u16. */
    public static final int GENL_HEADER_LENGTH = 4;
    /** {@code struct nlattr}: len u16, type u16. */
    public static final int ATTRIBUTE_HEADER_LENGTH = 4;

    /** Control message types. */
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;
    /** Types below this are control messages. */
    public static final int NLMSG_MIN_TYPE = 0x10;

    /** Header flags. */
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    /** Flags of an NLMSG_ERROR: the request was not echoed; extended-ack attributes follow. */
    public static final int NLM_F_CAPPED = 0x100;
    public static final int NLM_F_ACK_TLVS = 0x200;

    /** Attribute type bits. */
    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /** Extended-ack attributes in NLMSG_ERROR / NLMSG_DONE. */
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;

    /** Generic netlink controller. */
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;
    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    /** Rounds up to netlink's 4-byte alignment. */
    public static int align(int length) {
        return (length + 3) & ~3;
    }
}

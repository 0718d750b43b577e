package io.lvsj.ctnl;

/**
 * ctnetlink's numbers ({@code linux/netfilter/nfnetlink.h}, {@code nfnetlink_conntrack.h},
 * {@code nf_conntrack_common.h}, {@code nf_conntrack_tcp.h}).
 */
final class Ctnl {
    private Ctnl() {
    }

    /** {@code struct nfgenmsg}: family u8, version u8 (0), resource id be16 (0). */
    static final int NFGENMSG_LENGTH = 4;
    static final int NFNL_SUBSYS_CTNETLINK = 1;
    static final int IPCTNL_MSG_CT_NEW = 0;
    static final int IPCTNL_MSG_CT_GET = 1;
    static final int IPCTNL_MSG_CT_DELETE = 2;

    /** Multicast groups ({@code NFNLGRP_CONNTRACK_*}). */
    static final int NFNLGRP_CONNTRACK_NEW = 1;
    static final int NFNLGRP_CONNTRACK_UPDATE = 2;
    static final int NFNLGRP_CONNTRACK_DESTROY = 3;

    /** Top-level attributes ({@code enum ctattr_type}). Numbers are big-endian on the wire. */
    static final int CTA_TUPLE_ORIG = 1;
    static final int CTA_TUPLE_REPLY = 2;
    static final int CTA_STATUS = 3;
    static final int CTA_PROTOINFO = 4;
    static final int CTA_NAT_SRC = 6;
    static final int CTA_TIMEOUT = 7;
    static final int CTA_MARK = 8;
    static final int CTA_ID = 12;
    static final int CTA_ZONE = 18;

    /** In a tuple ({@code enum ctattr_tuple}). */
    static final int CTA_TUPLE_IP = 1;
    static final int CTA_TUPLE_PROTO = 2;
    /** In CTA_TUPLE_IP ({@code enum ctattr_ip}). */
    static final int CTA_IP_V4_SRC = 1;
    static final int CTA_IP_V4_DST = 2;
    static final int CTA_IP_V6_SRC = 3;
    static final int CTA_IP_V6_DST = 4;
    /** In CTA_TUPLE_PROTO ({@code enum ctattr_l4proto}). */
    static final int CTA_PROTO_NUM = 1;
    static final int CTA_PROTO_SRC_PORT = 2;
    static final int CTA_PROTO_DST_PORT = 3;

    /** In CTA_PROTOINFO, then CTA_PROTOINFO_TCP. */
    static final int CTA_PROTOINFO_TCP = 1;
    static final int CTA_PROTOINFO_TCP_STATE = 1;
    static final int CTA_PROTOINFO_TCP_FLAGS_ORIGINAL = 4;
    static final int CTA_PROTOINFO_TCP_FLAGS_REPLY = 5;
    /** {@code IP_CT_TCP_FLAG_*}: SACK was permitted; do not check the window (it is not synced). */
    static final int TCP_FLAG_SACK_PERM = 0x02;
    static final int TCP_FLAG_BE_LIBERAL = 0x08;

    /** In CTA_NAT_SRC ({@code enum ctattr_nat}), then CTA_NAT_PROTO ({@code enum ctattr_protonat}). */
    static final int CTA_NAT_V4_MINIP = 1;
    static final int CTA_NAT_V4_MAXIP = 2;
    static final int CTA_NAT_PROTO = 3;
    static final int CTA_NAT_V6_MINIP = 4;
    static final int CTA_NAT_V6_MAXIP = 5;
    static final int CTA_PROTONAT_PORT_MIN = 1;
    static final int CTA_PROTONAT_PORT_MAX = 2;

    static int messageType(int message) {
        return NFNL_SUBSYS_CTNETLINK << 8 | message;
    }
}

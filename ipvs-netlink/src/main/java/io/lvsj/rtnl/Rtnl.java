package io.lvsj.rtnl;

/** rtnetlink numbers ({@code linux/rtnetlink.h}, {@code if_link.h}, {@code if_addr.h}, {@code neighbour.h}). */
final class Rtnl {
    private Rtnl() {
    }

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWRULE = 32;
    static final int RTM_DELRULE = 33;
    static final int RTM_GETRULE = 34;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;

    /** {@code struct ifinfomsg}: family u8, pad u8, type u16, index s32, flags u32, change u32. */
    static final int IFINFOMSG_LENGTH = 16;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_BROADCAST = 2;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINK = 5;
    static final int IFLA_MASTER = 10;
    static final int IFLA_OPERSTATE = 16;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int IFLA_MACVLAN_MODE = 1;
    static final int IFLA_IPVLAN_MODE = 1;
    static final int IFLA_IPVLAN_FLAGS = 2;
    static final int VETH_INFO_PEER = 1;
    static final int IFLA_AF_SPEC = 26;
    static final int IFLA_INET_CONF = 1;
    static final int IFLA_INET6_ADDR_GEN_MODE = 8;

    /** {@code struct ifaddrmsg}: family u8, prefixlen u8, flags u8, scope u8, index u32. */
    static final int IFADDRMSG_LENGTH = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    static final int IFA_BROADCAST = 4;
    static final int IFA_CACHEINFO = 6;
    static final int IFA_FLAGS = 8;

    /** {@code struct ndmsg}: family u8, pad u8, pad u16, ifindex s32, state u16, flags u8, type u8. */
    static final int NDMSG_LENGTH = 12;
    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;

    /** {@code struct rtmsg}: family, dst_len, src_len, tos, table, protocol, scope, type (u8 each), flags u32. */
    static final int RTMSG_LENGTH = 12;
    static final int RTA_DST = 1;
    static final int RTA_SRC = 2;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_METRICS = 8;
    static final int RTA_MULTIPATH = 9;
    static final int RTA_FLOW = 11;
    static final int RTA_TABLE = 15;
    static final int RTA_PREF = 20;
    static final int RTA_EXPIRES = 23;
    static final int RTAX_LOCK = 1;
    static final int RTAX_CC_ALGO = 16;

    /** {@code struct fib_rule_hdr}: family, dst_len, src_len, tos, table, res1, res2, action (u8 each), flags u32. */
    static final int FIB_RULE_HDR_LENGTH = 12;
    static final int FRA_DST = 1;
    static final int FRA_SRC = 2;
    static final int FRA_IIFNAME = 3;
    static final int FRA_PRIORITY = 6;
    static final int FRA_FWMARK = 10;
    static final int FRA_TABLE = 15;
    static final int FRA_FWMASK = 16;
    static final int FRA_OIFNAME = 17;
    static final int FRA_GOTO = 4;
    static final int FRA_FLOW = 11;
    static final int FRA_SUPPRESS_IFGROUP = 13;
    static final int FRA_SUPPRESS_PREFIXLEN = 14;
    static final int FRA_TUN_ID = 12;
    static final int FRA_L3MDEV = 19;
    static final int FRA_UID_RANGE = 20;
    static final int FRA_PROTOCOL = 21;
    static final int FRA_IP_PROTO = 22;
    static final int FRA_SPORT_RANGE = 23;
    static final int FRA_DPORT_RANGE = 24;
    static final int FIB_RULE_INVERT = 2;

    /** Multicast groups for notifications ({@code RTNLGRP_*}). */
    static final int RTNLGRP_LINK = 1;
    static final int RTNLGRP_NEIGH = 3;
    static final int RTNLGRP_IPV4_IFADDR = 5;
    static final int RTNLGRP_IPV4_ROUTE = 7;
    static final int RTNLGRP_IPV6_IFADDR = 9;
    static final int RTNLGRP_IPV6_ROUTE = 11;
}

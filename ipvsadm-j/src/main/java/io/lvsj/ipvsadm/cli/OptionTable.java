package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvsadm.cli.OptionSpec.Argument;
import io.lvsj.ipvsadm.cli.OptionSpec.Tag;

import java.util.List;

import static io.lvsj.ipvsadm.cli.OptionSpec.Argument.NONE;
import static io.lvsj.ipvsadm.cli.OptionSpec.Argument.OPTIONAL;
import static io.lvsj.ipvsadm.cli.OptionSpec.Argument.REQUIRED;

/**
 * ipvsadm 1.31's options, in the order of its popt table (popt takes the first match, which
 * is why {@code --list} means {@code -L}), followed by ipvsadm-j's extensions.
 */
public final class OptionTable {
    private OptionTable() {
    }

    public static final List<OptionSpec> OPTIONS = List.of(
            spec("add-service", 'A', NONE, Tag.ADD_SERVICE),
            spec("edit-service", 'E', NONE, Tag.EDIT_SERVICE),
            spec("delete-service", 'D', NONE, Tag.DELETE_SERVICE),
            spec("clear", 'C', NONE, Tag.CLEAR),
            spec("list", 'L', NONE, Tag.LIST),
            spec("list", 'l', NONE, Tag.LIST),
            spec("zero", 'Z', NONE, Tag.ZERO),
            spec("add-server", 'a', NONE, Tag.ADD_SERVER),
            spec("edit-server", 'e', NONE, Tag.EDIT_SERVER),
            spec("delete-server", 'd', NONE, Tag.DELETE_SERVER),
            spec("set", '\0', NONE, Tag.SET),
            spec("help", 'h', NONE, Tag.HELP),
            spec("version", 'v', NONE, Tag.VERSION),
            spec("restore", 'R', NONE, Tag.RESTORE),
            spec("save", 'S', NONE, Tag.SAVE),
            spec("start-daemon", '\0', REQUIRED, Tag.START_DAEMON),
            spec("stop-daemon", '\0', REQUIRED, Tag.STOP_DAEMON),
            spec("tcp-service", 't', REQUIRED, Tag.TCP_SERVICE),
            spec("udp-service", 'u', REQUIRED, Tag.UDP_SERVICE),
            spec("sctp-service", '\0', REQUIRED, Tag.SCTP_SERVICE),
            spec("fwmark-service", 'f', REQUIRED, Tag.FWMARK_SERVICE),
            spec("scheduler", 's', REQUIRED, Tag.SCHEDULER),
            spec("persistent", 'p', OPTIONAL, Tag.PERSISTENT),
            spec("netmask", 'M', REQUIRED, Tag.NETMASK),
            spec("real-server", 'r', REQUIRED, Tag.REAL_SERVER),
            spec("masquerading", 'm', NONE, Tag.MASQUERADING),
            spec("ipip", 'i', NONE, Tag.IPIP),
            spec("gatewaying", 'g', NONE, Tag.GATEWAYING),
            spec("weight", 'w', REQUIRED, Tag.WEIGHT),
            spec("u-threshold", 'x', REQUIRED, Tag.U_THRESHOLD),
            spec("l-threshold", 'y', REQUIRED, Tag.L_THRESHOLD),
            spec("numeric", 'n', NONE, Tag.NUMERIC),
            spec("connection", 'c', NONE, Tag.CONNECTION),
            spec("mcast-interface", '\0', REQUIRED, Tag.MCAST_INTERFACE),
            spec("syncid", '\0', REQUIRED, Tag.SYNCID),
            spec("timeout", '\0', NONE, Tag.TIMEOUT),
            spec("daemon", '\0', NONE, Tag.DAEMON),
            spec("stats", '\0', NONE, Tag.STATS),
            spec("rate", '\0', NONE, Tag.RATE),
            spec("thresholds", '\0', NONE, Tag.THRESHOLDS),
            spec("persistent-conn", '\0', NONE, Tag.PERSISTENT_CONN),
            spec("nosort", '\0', NONE, Tag.NOSORT),
            spec("sort", '\0', NONE, Tag.SORT),
            spec("exact", 'X', NONE, Tag.EXACT),
            spec("ipv6", '6', NONE, Tag.IPV6),
            spec("ops", 'o', NONE, Tag.OPS),
            spec("pe", '\0', REQUIRED, Tag.PE),
            spec("sched-flags", 'b', REQUIRED, Tag.SCHED_FLAGS),
            spec("mcast-group", '\0', REQUIRED, Tag.MCAST_GROUP),
            spec("mcast-port", '\0', REQUIRED, Tag.MCAST_PORT),
            spec("mcast-ttl", '\0', REQUIRED, Tag.MCAST_TTL),
            spec("sync-maxlen", '\0', REQUIRED, Tag.SYNC_MAXLEN),
            spec("tun-info", '\0', NONE, Tag.TUN_INFO),
            spec("tun-type", '\0', REQUIRED, Tag.TUN_TYPE),
            spec("tun-port", '\0', REQUIRED, Tag.TUN_PORT),
            spec("tun-nocsum", '\0', NONE, Tag.TUN_NOCSUM),
            spec("tun-csum", '\0', NONE, Tag.TUN_CSUM),
            spec("tun-remcsum", '\0', NONE, Tag.TUN_REMCSUM),
            spec("json", '\0', NONE, Tag.JSON),
            spec("prometheus", '\0', NONE, Tag.PROMETHEUS),
            // Alibaba LVS's local-address commands and FullNAT (its -b is ipvsadm's --sched-flags)
            spec("add-laddr", 'P', NONE, Tag.ADD_LADDR),
            spec("del-laddr", 'Q', NONE, Tag.DEL_LADDR),
            spec("get-laddr", 'G', NONE, Tag.GET_LADDR),
            spec("laddr", 'z', REQUIRED, Tag.LADDR),
            spec("fullnat", '\0', NONE, Tag.FULLNAT));

    private static OptionSpec spec(String longName, char shortName, Argument argument, Tag tag) {
        return new OptionSpec(longName, shortName, argument, tag);
    }
}

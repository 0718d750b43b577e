package io.lvsj.ipvsadm.cli;

/**
 * One entry of the option table, as popt sees it.
 *
 * @param longName  the name after {@code --}, or {@code null}
 * @param shortName the letter after {@code -}, or 0
 * @param argument  whether it takes a value
 * @param tag       what the option means to ipvsadm
 */
public record OptionSpec(String longName, char shortName, Argument argument, Tag tag) {

    /** Whether an option takes a value, and whether the value may be left out. */
    public enum Argument {
        NONE,
        REQUIRED,
        /** Like {@code -p [timeout]}: the next word is the value unless it starts with {@code -}. */
        OPTIONAL
    }

    /** What an option means; commands first. */
    public enum Tag {
        ADD_SERVICE, EDIT_SERVICE, DELETE_SERVICE, CLEAR, LIST, ZERO, ADD_SERVER, EDIT_SERVER, DELETE_SERVER,
        SET, HELP, VERSION, RESTORE, SAVE, START_DAEMON, STOP_DAEMON,
        TCP_SERVICE, UDP_SERVICE, SCTP_SERVICE, FWMARK_SERVICE, SCHEDULER, PERSISTENT, NETMASK, REAL_SERVER,
        MASQUERADING, IPIP, GATEWAYING, WEIGHT, U_THRESHOLD, L_THRESHOLD, NUMERIC, CONNECTION,
        MCAST_INTERFACE, SYNCID, TIMEOUT, DAEMON, STATS, RATE, THRESHOLDS, PERSISTENT_CONN, NOSORT, SORT,
        EXACT, IPV6, OPS, PE, SCHED_FLAGS, MCAST_GROUP, MCAST_PORT, MCAST_TTL, SYNC_MAXLEN,
        TUN_INFO, TUN_TYPE, TUN_PORT, TUN_NOCSUM, TUN_CSUM, TUN_REMCSUM,
        /** Extension: JSON listings. */
        JSON,
        /** Extension: listings in Prometheus' text format. */
        PROMETHEUS,
        /** Extensions: Alibaba LVS's local addresses ({@code -P}, {@code -Q}, {@code -G}, {@code -z}) and FullNAT. */
        ADD_LADDR, DEL_LADDR, GET_LADDR, LADDR, FULLNAT
    }
}

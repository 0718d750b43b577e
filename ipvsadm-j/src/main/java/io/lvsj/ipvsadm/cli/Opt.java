package io.lvsj.ipvsadm.cli;

/**
 * The options ipvsadm tracks for its legality rules, in ipvsadm's order (which decides which
 * rule is reported first), with the names its messages use. Several spellings may share one:
 * {@code -t}, {@code -u}, {@code --sctp-service} and {@code -f} are all "service-address".
 */
public enum Opt {
    NUMERIC("numeric"),
    CONNECTION("connection"),
    SERVICE("service-address"),
    SCHEDULER("scheduler"),
    PERSISTENT("persistent"),
    NETMASK("netmask"),
    SERVER("real-server"),
    FORWARD("forwarding-method"),
    WEIGHT("weight"),
    U_THRESHOLD("u-threshold"),
    L_THRESHOLD("l-threshold"),
    MCAST_INTERFACE("mcast-interface"),
    TIMEOUT("timeout"),
    DAEMON("daemon"),
    STATS("stats"),
    RATE("rate"),
    THRESHOLDS("thresholds"),
    PERSISTENT_CONN("persistent-conn"),
    NOSORT("nosort"),
    SYNCID("syncid"),
    EXACT("exact"),
    OPS("ops"),
    PE("pe"),
    SCHED_FLAGS("sched-flags"),
    MCAST_GROUP("mcast-group"),
    MCAST_PORT("mcast-port"),
    MCAST_TTL("mcast-ttl"),
    SYNC_MAXLEN("sync-maxlen"),
    TUN_INFO("tun-info"),
    TUN_TYPE("tun-type"),
    TUN_PORT("tun-port"),
    TUN_NOCSUM("tun-nocsum"),
    TUN_CSUM("tun-csum"),
    TUN_REMCSUM("tun-remcsum"),
    /** Extension. */
    JSON("json"),
    /** Extension. */
    PROMETHEUS("prometheus"),
    /** Extension ({@code -z}, Alibaba LVS's name). */
    LADDR("local-address");

    private final String label;

    Opt(String label) {
        this.label = label;
    }

    /** The name ipvsadm's messages use. */
    public String label() {
        return label;
    }

    public long bit() {
        return 1L << ordinal();
    }
}

package io.lvsj.ipvsadm;

/**
 * The help and version texts. {@code -h} and {@code -v} print exactly what Debian's ipvsadm
 * 1.31 prints (scripts compare them); {@code --help} and {@code --version} add, at the end,
 * what ipvsadm-j does beyond it.
 */
public final class Usage {
    /** The ipvsadm release whose behaviour ipvsadm-j copies. */
    public static final String IPVSADM_VERSION_LINE =
            "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n";

    private Usage() {
    }

    public static String version(boolean withExtensions) {
        if (!withExtensions) {
            return IPVSADM_VERSION_LINE;
        }
        return IPVSADM_VERSION_LINE + "ipvsadm-j " + implementationVersion()
                + " (LVS-J): a Java drop-in for Debian's ipvsadm 1:1.31-1, same options, output and exit codes\n";
    }

    public static String help(String program, boolean withExtensions) {
        String p = program;
        StringBuilder out = new StringBuilder(6000);
        out.append(IPVSADM_VERSION_LINE);
        out.append("Usage:\n")
                .append("  ").append(p).append(" -A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask]"
                        + " [--pe persistence_engine] [-b sched-flags]\n")
                .append("  ").append(p).append(" -D virtual-service\n")
                .append("  ").append(p).append(" -C\n")
                .append("  ").append(p).append(" -R\n")
                .append("  ").append(p).append(" -S [-n]\n")
                .append("  ").append(p).append(" -a|e virtual-service -r server-address [options]\n")
                .append("  ").append(p).append(" -d virtual-service -r server-address\n")
                .append("  ").append(p).append(" -L|l [virtual-service] [options]\n")
                .append("  ").append(p).append(" -Z [virtual-service]\n")
                .append("  ").append(p).append(" --set tcp tcpfin udp\n")
                .append("  ").append(p).append(" --start-daemon {master|backup} [daemon-options]\n")
                .append("  ").append(p).append(" --stop-daemon {master|backup}\n")
                .append("  ").append(p).append(" -h\n\n");
        out.append("""
                Commands:
                Either long or short options are allowed.
                  --add-service     -A        add virtual service with options
                  --edit-service    -E        edit virtual service with options
                  --delete-service  -D        delete virtual service
                  --clear           -C        clear the whole table
                  --restore         -R        restore rules from stdin
                  --save            -S        save rules to stdout
                  --add-server      -a        add real server with options
                  --edit-server     -e        edit real server with options
                  --delete-server   -d        delete real server
                  --list            -L|-l     list the table
                  --zero            -Z        zero counters in a service or all services
                  --set tcp tcpfin udp        set connection timeout values
                  --start-daemon              start connection sync daemon
                  --stop-daemon               stop connection sync daemon
                  --help            -h        display this help message

                virtual-service:
                  --tcp-service|-t  service-address   service-address is host[:port]
                  --udp-service|-u  service-address   service-address is host[:port]
                  --sctp-service    service-address   service-address is host[:port]
                  --fwmark-service|-f fwmark          fwmark is an integer greater than zero

                Options:
                  --ipv6         -6                   fwmark entry uses IPv6
                  --scheduler    -s scheduler         one of rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh,
                                                      the default scheduler is wlc.
                  --pe            engine              alternate persistence engine may be sip,
                                                      not set by default.
                  --persistent   -p [timeout]         persistent service
                  --netmask      -M netmask           persistent granularity mask
                  --real-server  -r server-address    server-address is host (and port)
                  --gatewaying   -g                   gatewaying (direct routing) (default)
                  --ipip         -i                   ipip encapsulation (tunneling)
                  --masquerading -m                   masquerading (NAT)
                  --tun-type      type                one of ipip|gue|gre,
                                                      the default tunnel type is ipip.
                  --tun-port      port                tunnel destination port
                  --tun-nocsum                        tunnel encapsulation without checksum
                  --tun-csum                          tunnel encapsulation with checksum
                  --tun-remcsum                       tunnel encapsulation with remote checksum
                  --weight       -w weight            capacity of real server
                  --u-threshold  -x uthreshold        upper threshold of connections
                  --l-threshold  -y lthreshold        lower threshold of connections
                  --connection   -c                   output of current IPVS connections
                  --timeout                           output of timeout (tcp tcpfin udp)
                  --daemon                            output of daemon information
                  --stats                             output of statistics information
                  --rate                              output of rate information
                  --exact                             expand numbers (display exact values)
                  --thresholds                        output of thresholds information
                  --persistent-conn                   output of persistent connection info
                  --tun-info                          output of tunnel information
                  --nosort                            disable sorting output of service/server entries
                  --sort                              does nothing, for backwards compatibility
                  --ops          -o                   one-packet scheduling
                  --numeric      -n                   numeric output of addresses and ports
                  --sched-flags  -b flags             scheduler flags (comma-separated)
                Daemon Options:
                  --syncid sid                        syncid for connection sync (default=255)
                  --sync-maxlen length                Max sync message length (default=1472)
                  --mcast-interface interface         multicast interface for connection sync
                  --mcast-group address               IPv4/IPv6 group (default=224.0.0.81)
                  --mcast-port port                   UDP port (default=8848)
                  --mcast-ttl ttl                     Multicast TTL (default=1)
                """);
        if (withExtensions) {
            out.append("""

                    Extensions in ipvsadm-j (not in ipvsadm 1.31; "-h" prints ipvsadm's text alone):
                      --json                              with -L/-l: the listing as one JSON document, with
                                                          64-bit counters, rates, thresholds, tunnel settings,
                                                          unsigned fwmarks and numeric addresses; works with
                                                          -c, --timeout, --daemon and a single virtual-service
                      --prometheus                        with -L/-l: every counter and rate of the virtual
                                                          services and real servers in Prometheus' text
                                                          format, for node_exporter's textfile collector
                      --version                           also names ipvsadm-j ("-v" prints ipvsadm's line alone)
                      -R                                  applies many rules per kernel round trip; an error
                                                          names its input line ("line 12: Service already
                                                          exists"); lines and words starting with # are
                                                          comments; the exit status is 255 when any line
                                                          failed (ipvsadm: the status of the last line)
                      -h, -v and command-line errors work without IPVS in the kernel

                    FullNAT on the stock kernel (Alibaba LVS's commands; docs/fullnat.md):
                      --fullnat                           with -a/-e: FullNAT forwarding: the kernel does NAT
                                                          and LVS-J source-NATs each connection to one of the
                                                          service's local addresses, so real servers need no
                                                          route back ("FullNat" in listings; Alibaba's -b is
                                                          --sched-flags here)
                      --add-laddr    -P                   add a local address: -P virtual-service -z address
                      --del-laddr    -Q                   delete a local address: -Q virtual-service -z address
                      --get-laddr    -G                   list local addresses: -G [virtual-service]
                      --laddr        -z local-address     the local address of -P and -Q (added to the interface
                                                          facing the real servers when the host lacks it)
                    """);
        }
        return out.toString();
    }

    private static String implementationVersion() {
        String v = Usage.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }
}

package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.config.GlobalDefs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the routing daemon that announces the {@code vip_bind_dev} VIPs said when asked, and the
 * log line for it: not running, running without a BGP session (no router hears the VIPs), or
 * running with N sessions established. The replies are parsed here, pure: BIRD's
 * {@code show protocols} table and FRR's {@code show bgp neighbors json}.
 */
sealed interface RoutingDaemonState {
    String describe(GlobalDefs.RoutingDaemon daemon);

    /** It did not answer: not running, or no such socket. */
    record Silent(String reason) implements RoutingDaemonState {
        @Override
        public String describe(GlobalDefs.RoutingDaemon daemon) {
            return "routing daemon " + name(daemon) + " does not answer on " + where(daemon) + " (" + reason
                    + "): the VIPs on vip_bind_dev interfaces are not announced";
        }
    }

    /** It answered; {@code sessions} BGP sessions are established. */
    record Answering(int sessions) implements RoutingDaemonState {
        @Override
        public String describe(GlobalDefs.RoutingDaemon daemon) {
            return sessions == 0
                    ? "routing daemon " + name(daemon) + " answers on " + where(daemon)
                    + ", but no BGP session is established: no router hears the VIPs"
                    : "routing daemon " + name(daemon) + " answers on " + where(daemon) + ": " + sessions
                    + " BGP session" + (sessions == 1 ? "" : "s") + " established";
        }
    }

    private static String name(GlobalDefs.RoutingDaemon daemon) {
        return daemon.kind() == GlobalDefs.RoutingDaemon.Kind.BIRD ? "BIRD" : "FRR";
    }

    static String where(GlobalDefs.RoutingDaemon daemon) {
        return daemon.kind() == GlobalDefs.RoutingDaemon.Kind.BIRD ? daemon.control()
                : daemon.control() + "/bgpd.vty";
    }

    /**
     * BIRD's reply to {@code show protocols}: a line per protocol ({@code 1002-NAME PROTO TABLE
     * STATE SINCE INFO}, later ones starting with a blank), BGP ones established when INFO says so.
     */
    static Answering fromBird(String reply) {
        int established = 0;
        for (String line : reply.split("\n")) {
            String row = line.startsWith("1002-") ? line.substring(5) : line.startsWith(" ") ? line.substring(1) : null;
            if (row == null) {
                continue;
            }
            String[] columns = row.trim().split("\\s+");
            if (columns.length >= 6 && columns[1].equals("BGP") && row.contains("Established")) {
                established++;
            }
        }
        return new Answering(established);
    }

    Pattern FRR_ESTABLISHED = Pattern.compile("\"bgpState\"\\s*:\\s*\"Established\"");

    /** FRR's {@code show bgp neighbors json}: a {@code "bgpState":"Established"} per established neighbour. */
    static Answering fromFrr(String json) {
        Matcher m = FRR_ESTABLISHED.matcher(json);
        int established = 0;
        while (m.find()) {
            established++;
        }
        return new Answering(established);
    }
}

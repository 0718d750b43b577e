package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.text.InetText;

import java.util.List;

/** {@code ipvsadm -L --timeout} and {@code ipvsadm -L --daemon}. */
public final class StatusLines {
    private StatusLines() {
    }

    public static String timeouts(Timeouts t) {
        return "Timeout (tcp tcpfin udp): " + t.tcp() + " " + t.tcpFin() + " " + t.udp() + "\n";
    }

    /** One line per running daemon, master first; nothing when none runs. */
    public static String daemons(List<SyncDaemon> daemons) {
        StringBuilder out = new StringBuilder();
        for (SyncDaemon d : daemons) {
            out.append(d.state().word()).append(" sync daemon (mcast=").append(d.interfaceName())
                    .append(", syncid=").append(d.syncId());
            if (d.maxLength() != 0) {
                out.append(", maxlen=").append(d.maxLength());
            }
            if (d.group() != null) {
                out.append(", group=").append(InetText.ntop(d.group().getAddress()));
            }
            if (d.port() != 0) {
                out.append(", port=").append(d.port());
            }
            if (d.ttl() != 0) {
                out.append(", ttl=").append(d.ttl());
            }
            out.append(")\n");
        }
        return out.toString();
    }
}

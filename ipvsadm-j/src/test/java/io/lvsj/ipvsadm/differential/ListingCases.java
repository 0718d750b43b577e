package io.lvsj.ipvsadm.differential;

import java.util.ArrayList;
import java.util.List;

import static io.lvsj.ipvsadm.differential.DiffCase.of;

/** -L in all its forms, -S, and -Lc from a connection table both tools read. */
final class ListingCases {
    private ListingCases() {
    }

    static final String PROC_CONN = """
            Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData
            TCP C0A80164 D431 C000020A 0050 0A010101 1F90 ESTABLISHED     899
            UDP C0A80165 A411 C000020B 0035 0A010102 0035 UDP             299
            TCP 2001:0db8:0000:0000:0000:0000:0000:0099 C350 2001:0db8:0000:0000:0000:0000:0000:0080 01BB 2001:0db8:0000:0000:0000:0000:0000:a0a0 20FB SYN_RECV         59
            UDP C0A80166 13C4 C000020D 13C4 0A010103 13C4 NONE         3599 sip 8f3a1c@example
            TCP 7F000001 0016 7F000001 0050 7F000001 1F90 FIN_WAIT          0
            SCTP 7F000001 13C4 7F000001 13C4 7F000001 13C4 ESTABLISHED  86400
            TCP 2001:0db8:0000:0000:0000:0000:0000:0001 0050 2001:0db8:0000:0000:0000:0000:0000:0080 0050 0A010105 1F90 TIME_WAIT       120
            """;

    static List<DiffCase> cases() {
        List<DiffCase> cases = new ArrayList<>();
        List<String> forms = List.of("-Ln", "-L", "-l -n", "--list --numeric", "-Ln --stats", "-Ln --rate",
                "-Ln --stats --exact", "-Ln --rate --exact", "-Ln --exact", "-Ln --thresholds", "-Ln --persistent-conn",
                "-Ln --tun-info", "-Ln --nosort", "-Ln --sort", "-Ln -X", "-Ln --stats --rate", "-Ln --thresholds --tun-info",
                "-Ln --nosort --stats", "-L --thresholds", "-Sn", "-S", "-S -n", "--save --numeric");
        for (String form : forms) {
            cases.add(of(form).on(Tables.MIXED));
        }
        for (String form : List.of("-Ln", "-Ln --nosort", "-Sn", "-Ln --stats", "-L -n --tun-info")) {
            cases.add(of(form).on(Tables.UNSORTED));
        }
        for (String form : List.of("-L", "-Ln", "-S", "-L --persistent-conn", "-L --tun-info", "-L --stats")) {
            cases.add(of(form).on(Tables.LOCAL));
        }
        cases.addAll(List.of(
                of(new String[0]), of(new String[0]).on(Tables.MIXED), of(new String[0]).on(Tables.LOCAL),
                of("-Ln"), of("-Sn"), of("-L --stats"),
                // one service
                of("-Ln -t 192.0.2.10:80").on(Tables.MIXED), of("-L -t 192.0.2.10:http").on(Tables.MIXED),
                of("-Ln -t 192.0.2.12:0 --tun-info").on(Tables.MIXED), of("-Ln -t 192.0.2.12 --tun-info").on(Tables.MIXED),
                of("-Ln -u 192.0.2.11:53 --stats").on(Tables.MIXED), of("-Ln -f 1").on(Tables.MIXED),
                of("-Ln -f 2882430849 -6").on(Tables.MIXED), of("-Ln -f 2882430849").on(Tables.MIXED),
                of("-Ln -t [2001:db8::80]:443 --persistent-conn").on(Tables.MIXED),
                of("-Ln --sctp-service 192.0.2.13:5060").on(Tables.MIXED), of("-Ln -t 192.0.2.99:80").on(Tables.MIXED),
                of("-Ln -t 0.0.0.0:0").on(Tables.MIXED), of("-L -t 127.0.0.1:80").on(Tables.LOCAL),
                of("-Ln -t 10.0.0.1:80 --nosort").on(Tables.UNSORTED), of("-Ln -t 10.0.0.1:80").on(Tables.UNSORTED),
                // timeouts and daemons
                of("-L --timeout"), of("-Ln --timeout").on(Tables.TIMEOUTS), of("-L --daemon"), of("-L --daemon").on(Tables.DAEMONS),
                of("-L --daemon").on(Tables.MASTER), of("-L --timeout --daemon"), of("-L --daemon --timeout"),
                of("-L --timeout --stats"), of("-L --daemon --rate"), of("-L --timeout --persistent-conn"),
                of("-L --daemon --persistent-conn"), of("-L --timeout -t 192.0.2.10:80").on(Tables.WEB),
                of("-L --timeout --nosort"), of("-L --daemon --exact"),
                // connections
                of("-Lnc").reading(PROC_CONN), of("-Lc").reading(PROC_CONN), of("-Lnc --persistent-conn").reading(PROC_CONN),
                of("-Lc --persistent-conn").reading(PROC_CONN), of("-L -c -n --nosort").reading(PROC_CONN),
                of("-Lnc --stats").reading(PROC_CONN), of("-Lnc -t 192.0.2.10:80").reading(PROC_CONN),
                of("-Lnc --timeout").reading(PROC_CONN), of("-Lnc --exact").reading(PROC_CONN),
                of("-Lnc").reading("Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n"),
                of("-Lnc").reading(""), of("-Lnc").reading(PROC_CONN.replace("UDP C0A80165", "\nUDP C0A80165")),
                of("-Lnc"), of("-Lc")));
        return cases;
    }
}

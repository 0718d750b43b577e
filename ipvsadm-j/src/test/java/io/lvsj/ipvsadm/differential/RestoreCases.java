package io.lvsj.ipvsadm.differential;

import java.util.List;

import static io.lvsj.ipvsadm.differential.DiffCase.of;

/**
 * -R: the input syntax, what stops a restore and what does not, and -S/-R round trips. ipvsadm-j
 * names the line in each message (the comparison removes the "line N: " it adds, after checking
 * it is there) and fails when any line failed.
 */
final class RestoreCases {
    private RestoreCases() {
    }

    static List<DiffCase> cases() {
        DiffCase r = of("-R");
        return List.of(
                r.input(Tables.MIXED), r.input(Tables.UNSORTED), r.input(Tables.LOCAL), r.input(Tables.DAEMONS),
                r.input(Tables.WEB + Tables.TIMEOUTS), of("--restore").input(Tables.WEB), r.input(""), r.input("\n\n\n"),
                // the input's syntax
                r.input("ipvsadm -A -t 192.0.2.1:80\nipvsadm -a -t 192.0.2.1:80 -r 10.0.0.1 -m\n"),
                r.input("-A -t 192.0.2.1:80 ipvsadm -s rr\nipvsadm\n"),
                r.input("-A\t-t\t192.0.2.1:80\r\n-a -t 192.0.2.1:80 -r 10.0.0.1\r\n"),
                r.input("   -A -t 192.0.2.1:80   \n\t\n  -a -t 192.0.2.1:80 -r 10.0.0.1  \n"),
                r.input("-A -t 192.0.2.1:80\n-a -t 192.0.2.1:80 -r 10.0.0.1"),
                r.input("-A -t 192.0.2.1:80\n-a -t 192.0.2.1:80 -r 10.0.0.1 "),
                r.input("-A -t 192.0.2.1:80\n-a -t 192.0.2.1:80 -r 10.0.0.1  "),
                r.input("-A -t 192.0.2.1:80\n-C"),
                r.input("-At192.0.2.1:80 -srr\n-at192.0.2.1:80 -r10.0.0.1 -mw3\n"),
                r.input("-A -t 192.0.2.1:80 -s rr -p 30 -M 255.255.255.0 --pe sip -o -b flag-1\n"),
                // kernel errors are reported and the restore goes on
                r.input("-A -t 192.0.2.1:80\n-A -t 192.0.2.1:80\n-A -t 192.0.2.2:80\n"),
                r.input("-A -t 192.0.2.1:80\n-A -t 192.0.2.1:80\n"),
                r.input("-a -t 192.0.2.9:80 -r 10.0.0.1\n-A -t 192.0.2.9:80\n-a -t 192.0.2.9:80 -r 10.0.0.1\n"),
                r.input("-A -t 192.0.2.1:80 -s bogus\n-D -t 192.0.2.7:80\n-d -t 192.0.2.1:80 -r 10.0.0.1\n"),
                r.input("-A -t 192.0.2.1:80\n-a -t 192.0.2.1:80 -r 10.0.0.1\n-a -t 192.0.2.1:80 -r 10.0.0.1\n-e -t 192.0.2.1:80 -r 10.0.0.2\n"),
                r.input("--stop-daemon master\n-A -t 192.0.2.1:80\n"),
                r.input(Tables.WEB + "-D -t 192.0.2.10:80\n-D -t 192.0.2.10:80\n-A -t 192.0.2.10:80 -s wlc\n"),
                // a line ipvsadm refuses ends the restore with status 2; the lines before it stay
                r.input("-A -t 192.0.2.1:80\n-A -t 192.0.2.2:80 -w 1\n-A -t 192.0.2.3:80\n"),
                r.input("-A -t 192.0.2.1:80\n-A -t 192.0.2.1:80\n-A -t 80\n-A -t 192.0.2.3:80\n"),
                r.input("-A -t 192.0.2.1:80\n-Z -t 192.0.2.1:80 -s rr\n"),
                r.input("-A -t 192.0.2.1:80\n-A -t 192.0.2.2\n"),
                r.input("-A -t 192.0.2.1:80\n-A -f 1 -6 -6\n-6 -f 2\n"),
                // a popt error is reported and the restore goes on
                r.input("-A -t 192.0.2.1:80 --bogus\n-A -t 192.0.2.2:80\n"),
                r.input("-A -t 192.0.2.2:80\n-A -t 192.0.2.1:80 --bogus\n"),
                // a first word that is no command ends it with status 255
                r.input("-A -t 192.0.2.1:80\nfoo\n-A -t 192.0.2.2:80\n"),
                r.input("-A -t 192.0.2.1:80\n-t 192.0.2.2:80 -A\n"),
                r.input("-A -t 192.0.2.1:80\n-R\n-A -t 192.0.2.2:80\n"),
                // other commands inside -R run in order
                r.input(Tables.WEB + "-Ln\n-A -t 192.0.2.2:80\n-Sn\n"),
                r.input(Tables.WEB + "-Ln -t 192.0.2.99:80\n-A -t 192.0.2.2:80\n"),
                r.input("-A -t 192.0.2.1:80\n-h\n-A -t 192.0.2.2:80\n"),
                r.input("-A -t 192.0.2.1:80\n-v\n-A -t 192.0.2.2:80\n"),
                r.input("-A -t 192.0.2.1:80\n-L --timeout\n--set 10 20 30\n-L --timeout\n"),
                // comments: ipvsadm stops at a # line; ipvsadm-j skips it (ipvsadm gets the input without them)
                r.input("# saved by ipvsadm-save\n-A -t 192.0.2.1:80\n#-A -t 192.0.2.2:80\n")
                        .deviating(DiffCase.Deviation.RESTORE_COMMENTS),
                r.input("-A -t 192.0.2.1:80 -s rr # the web service\n-a -t 192.0.2.1:80 -r 10.0.0.1 #web1\n")
                        .deviating(DiffCase.Deviation.RESTORE_COMMENTS),
                // what -Sn saves, -R restores
                r.input("-A -t 192.0.2.10:80 -s rr\n-a -t 192.0.2.10:80 -r 192.0.2.1:8080 -m -w 2147483647\n"
                        + "-A -u 192.0.2.11:53 -s sh -o -b sh-fallback,sh-port\n-a -u 192.0.2.11:53 -r 10.1.1.2:53 -g -w 1\n"
                        + "-A -t [2001:db8::80]:443 -s mh -p 300 -M 64 -b mh-fallback,mh-port\n"
                        + "-a -t 192.0.2.12:0 -r 10.1.1.3:0 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum\n"),
                // ipvsadm's own -S of a fwmark of 2^31 or more says -f -1412536447, which -R refuses
                r.input("-A -f -1412536447 -6 -s rr\n"),
                r.input("-A -t 192.0.2.1:80\n-a -t 192.0.2.1:80 -r 10.0.0.1 -x 100 -y 50\n-Ln --thresholds\n"));
    }
}

package io.lvsj.ipvsadm.differential;

import java.util.List;

import static io.lvsj.ipvsadm.differential.DiffCase.of;

/** Virtual services: -A, -E and -D, and every way of writing their address and options. */
final class ServiceCases {
    private ServiceCases() {
    }

    static List<DiffCase> cases() {
        return List.of(
                // addresses, IPv4 the way inet_aton reads them, names the way gethostbyname finds them
                of("-A -t 192.0.2.1:80"), of("-A -t 10.1:80"), of("-A -t 167772161:80"), of("-A -t 0x0a000001:80"),
                of("-A -t 010.0.0.1:80"), of("-A -t 08.0.0.1:80"), of("-A -t 192.0.2.1"), of("-A -t 192.0.2.1:"),
                of("-A -t 192.0.2.1:http"), of("-A -t 192.0.2.1:nosuchservice"), of("-A -t 192.0.2.1:65535"),
                of("-A -t 192.0.2.1:65536"), of("-A -t 192.0.2.1:-1"), of("-A", "-t", "192.0.2.1: 80"),
                of("-A", "-t", "192.0.2.1 x:80"), of("-A -t 80"), of("-A", "-t", ""), of("-A -t localhost:80"),
                of("-A -t nosuch.invalid:80"), of("-A -t 192.0.2.1:80:90"), of("-A -t 256.0.0.1:80"),
                of("-A -t 0.0.0.0:80"), of("-A -t 255.255.255.255:80"), of("-A -t 224.0.0.1:80"),
                of("-A -t [192.0.2.1]:80"), of("-A -t [192.0.2.1]:80 -p"),
                // IPv6
                of("-A -t [2001:db8::1]:80"), of("-A -t [2001:db8::1]"), of("-A -t [2001:db8::1]x80"),
                of("-A -t 2001:db8::1"), of("-A -t 2001:db8::1:80 -p"), of("-A -t [2001:db8::1]:https"),
                of("-A -t [::ffff:192.0.2.1]:80"), of("-A -t [::192.0.2.1]:80"), of("-A -t [2001:DB8::A]:80"),
                of("-A -t [2001:db8::1]:"), of("-A -t [2001:db8::1"), of("-A -t [zz::1]:80"), of("-A -u [2001:db8::1]:53"),
                of("-A --sctp-service [2001:db8::1]:5060"), of("-A -t [::]:80"), of("-A -t [fe80::1]:80"),
                // UDP, SCTP and their port names
                of("-A -u 192.0.2.1:53"), of("-A -u 192.0.2.1:domain"), of("-A -u 192.0.2.1:sip"),
                of("-A --sctp-service 192.0.2.1:5060"), of("-A --sctp-service 192.0.2.1:http"),
                of("-A --sctp-service 192.0.2.1:nosuch"), of("-A -u 192.0.2.1:http"), of("-A -t 192.0.2.1:domain"),
                // fwmarks
                of("-A -f 1"), of("-A -f 0"), of("-A -f -1"), of("-A -f 4294967295"), of("-A -f 4294967296"),
                of("-A -f 2882430849"), of("-A -f abc"), of("-A -f 1x"), of("-A", "-f", " 7"), of("-A -f +7"),
                of("-A -f 1 -6"), of("-A -6 -f 1"), of("-A -f 1 -6 -s rr -p"), of("-A -f 99999999999999999999"),
                // schedulers
                of("-A -t 192.0.2.1:80 -s rr"), of("-A -t 192.0.2.1:80 -s wrr"), of("-A -t 192.0.2.1:80 -s lc"),
                of("-A -t 192.0.2.1:80 -s wlc"), of("-A -t 192.0.2.1:80 -s lblc"), of("-A -t 192.0.2.1:80 -s lblcr"),
                of("-A -t 192.0.2.1:80 -s dh"), of("-A -t 192.0.2.1:80 -s sh"), of("-A -t 192.0.2.1:80 -s sed"),
                of("-A -t 192.0.2.1:80 -s nq"), of("-A -t 192.0.2.1:80 -s fo"), of("-A -t 192.0.2.1:80 -s ovf"),
                of("-A -t 192.0.2.1:80 -s mh"), of("-A -t 192.0.2.1:80 -s none"), of("-A -t 192.0.2.1:80 -s twos"),
                of("-A -t 192.0.2.1:80 -s bogus"), of("-A -t 192.0.2.1:80 -s aaaaaaaaaaaaaaaaaaaaaaaa"),
                of("-A", "-t", "192.0.2.1:80", "-s", ""),
                // persistence
                of("-A -t 192.0.2.1:80 -p"), of("-A -t 192.0.2.1:80 -p 1"), of("-A -t 192.0.2.1:80 -p 0"),
                of("-A -t 192.0.2.1:80 -p 2678400"), of("-A -t 192.0.2.1:80 -p 2678401"), of("-A -t 192.0.2.1:80 -p abc"),
                of("-A -t 192.0.2.1:80 -p -s rr"), of("-A -t 192.0.2.1:80 -p=50"), of("-A -t 192.0.2.1:80 --persistent=50"),
                of("-A -t 192.0.2.1:80 --persistent 50"), of("-A -t 192.0.2.1:80 -p50"), of("-A -t 192.0.2.1:80 --persistent="),
                of("-A -t 192.0.2.1:0 -p"), of("-A -t 192.0.2.1:0"), of("-A -t 192.0.2.1:0 -s rr"),
                // persistence netmask
                of("-A -t 192.0.2.1:80 -p -M 255.255.255.0"), of("-A -t 192.0.2.1:80 -p -M 64"),
                of("-A -t 192.0.2.1:80 -p -M localhost"), of("-A -t 192.0.2.1:80 -p -M bogus.invalid"),
                of("-A -t 192.0.2.1:80 -M 255.255.0.0"), of("-A -t [2001:db8::1]:80 -p -M 64"),
                of("-A -t [2001:db8::1]:80 -p -M 0"), of("-A -t [2001:db8::1]:80 -p -M 129"),
                of("-A -t [2001:db8::1]:80 -p -M 64abc"), of("-A -t [2001:db8::1]:80 -p -M 255.255.255.0"),
                of("-A -M 64 -t [2001:db8::1]:80 -p"), of("-A -f 1 -6 -M 48 -p"), of("-A -f 1 -M 48 -6 -p"),
                of("-A -t [2001:db8::1]:80 -p -M 4294967360"),
                // persistence engines, one-packet scheduling, scheduler flags
                of("-A -t 192.0.2.1:80 -p --pe sip"), of("-A -u 192.0.2.1:5060 --pe sip"), of("-A -t 192.0.2.1:80 --pe bogus"),
                of("-A -t 192.0.2.1:80 -p --pe aaaaaaaaaaaaaaaaaaaa"), of("-A -u 192.0.2.1:53 -o"),
                of("-A -t 192.0.2.1:80 -o"), of("-A --sctp-service 192.0.2.1:80 -o"), of("-A -f 3 -o"),
                of("-A -t 192.0.2.1:80 -s sh -b sh-fallback"), of("-A -t 192.0.2.1:80 -s sh -b sh-port,sh-fallback"),
                of("-A -t 192.0.2.1:80 -b sh-port"), of("-A -t 192.0.2.1:80 -s rr -b flag-1,flag-2,flag-3"),
                of("-A -t 192.0.2.1:80 -s mh -b mh-fallback,mh-port"), of("-A -t 192.0.2.1:80 -s mh -b mh-fallback,,mh-port,"),
                of("-A -t 192.0.2.1:80 -s rr -b bogus"), of("-A -t 192.0.2.1:80 -s rr -b sh-port"),
                of("-A -t 192.0.2.1:80 -s sh -b mh-port"), of("-A -b flag-1 -s rr -t 192.0.2.1:80"),
                of("-A", "-t", "192.0.2.1:80", "-b", ""),
                of("-A -t 192.0.2.1:80 -s rr -b ,").deviating(DiffCase.Deviation.EMPTY_SCHEDULER_FLAGS),
                of("-A -t 192.0.2.1:80 -s sh -b sh-port -p 30 -o -M 255.0.0.0"),
                // -A, -E, -D against an existing table
                of("-A -t 192.0.2.10:80").on(Tables.WEB), of("-A -t 192.0.2.10:80 -s wlc").on(Tables.WEB),
                of("-E -t 192.0.2.10:80 -s wlc").on(Tables.WEB), of("-E -t 192.0.2.10:80 -p 60").on(Tables.WEB),
                of("-E -t 192.0.2.12:0 -s rr").on(Tables.MIXED), of("-E -t 192.0.2.12:0 -s rr -p").on(Tables.MIXED),
                of("-E -u 192.0.2.11:53 -s rr").on(Tables.MIXED), of("-E -t 192.0.2.99:80").on(Tables.WEB),
                of("-E -t 192.0.2.10:80 -s bogus").on(Tables.WEB), of("-E -t 192.0.2.10:80 --pe bogus -p").on(Tables.WEB),
                of("-E -f 1 -s sh -b sh-port").on(Tables.MIXED), of("-E -f 2882430849 -6 -s rr").on(Tables.MIXED),
                of("-E -f 2882430849 -s rr").on(Tables.MIXED), of("-D -t 192.0.2.10:80").on(Tables.WEB),
                of("-D -t 192.0.2.99:80").on(Tables.WEB), of("-D -u 192.0.2.10:80").on(Tables.WEB),
                of("-D -f 1").on(Tables.MIXED), of("-D -f 2882430849 -6").on(Tables.MIXED), of("-D -f 2882430849").on(Tables.MIXED),
                of("-D -t [2001:db8::80]:443").on(Tables.MIXED), of("-D -t [2001:db8::80]:https").on(Tables.MIXED),
                of("--delete-service --tcp-service 192.0.2.10:http").on(Tables.WEB));
    }
}

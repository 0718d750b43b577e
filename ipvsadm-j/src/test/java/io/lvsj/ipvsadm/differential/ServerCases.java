package io.lvsj.ipvsadm.differential;

import java.util.List;

import static io.lvsj.ipvsadm.differential.DiffCase.of;

/** Real servers: -a, -e and -d, forwarding methods, weights, thresholds, tunnels, families. */
final class ServerCases {
    private ServerCases() {
    }

    static List<DiffCase> cases() {
        String web = Tables.WEB;
        String mixed = Tables.MIXED;
        return List.of(
                // adding, with each forwarding method and port rule
                of("-a -t 192.0.2.10:80 -r 10.1.1.3:8080 -m").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3:8080 -g").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3:8080 -i").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3:8080").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -m").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3:http-alt -m").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3:nosuch -m").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3:").on(web),
                of("-a -t 192.0.2.10:80 -r localhost:8080 -m").on(web), of("-a -t 192.0.2.10:80 -r nosuch.invalid -m").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3:8080 --masquerading").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3:8080 --gatewaying").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3:8080 --ipip").on(web),
                of("-a -r 10.1.1.3:http -t 192.0.2.10:80 -m").on(web), of("-a -r 10.1.1.3 -t 192.0.2.10:80 -m").on(web),
                of("-a -t 192.0.2.10:80 -r [10.1.1.3]:8080 -m").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.1:8080 -m").on(web),
                of("-a -t 192.0.2.99:80 -r 10.1.1.3:8080 -m").on(web), of("-a -u 192.0.2.10:80 -r 10.1.1.3 -m").on(web),
                of("-a -t 192.0.2.10:80 -r 224.0.0.1 -m").on(web), of("-a -t 192.0.2.10:80 -r 0.0.0.0 -m").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3:0 -m").on(web),
                // weights and thresholds
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -w 0").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3 -w 65536").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -w 2147483647").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -w 2147483648").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3 -w -1").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -w x").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3 --weight=7").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -x 100 -y 50").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3 -x 100").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -y 50").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3 -x 50 -y 100").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -x 2147483647").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -x 2147483648").on(web), of("-a -t 192.0.2.10:80 -r 10.1.1.3 -y x").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 --u-threshold=9 --l-threshold=3").on(web),
                // families: different only for tunnels
                of("-a -t 192.0.2.10:80 -r [2001:db8::1]:80 -m").on(web), of("-a -t 192.0.2.10:80 -r [2001:db8::1]:80 -i").on(web),
                of("-a -t 192.0.2.10:80 -r [2001:db8::1] -g").on(web), of("-a -t [2001:db8::80]:443 -r 10.1.1.3 -m").on(mixed),
                of("-a -t [2001:db8::80]:443 -r [2001:db8::b]:443 -g").on(mixed), of("-a -t [2001:db8::80]:443 -r [2001:db8::b]").on(mixed),
                of("-a -f 1 -r 10.1.1.8:8080 -m").on(mixed), of("-a -f 1 -r 10.1.1.8:http -m").on(mixed),
                of("-a -f 1 -r 10.1.1.8 -g").on(mixed), of("-a -f 1 -r [2001:db8::8] -m").on(mixed),
                of("-a -f 2882430849 -6 -r [2001:db8::8]:80 -m").on(mixed), of("-a -f 2882430849 -r [2001:db8::8] -i").on(mixed),
                of("-a -f 1 -6 -r 10.1.1.8").on(mixed), of("-a -f 1 -r 10.1.1.8 -6 -m").on(mixed),
                of("-a -u 192.0.2.11:53 -r 10.1.1.8:domain -m").on(mixed), of("-a --sctp-service 192.0.2.13:5060 -r 10.1.1.8 -m").on(mixed),
                // tunnels
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type ipip").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 6080").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 6080 --tun-csum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 6080 --tun-remcsum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 6080 --tun-nocsum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 6080 --tun-csum --tun-nocsum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 0").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 65536").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port x").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gre").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gre --tun-csum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gre --tun-remcsum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gre --tun-port 5").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type ipip --tun-csum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-port 5").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type bogus").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -m --tun-type gue --tun-port 1").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 --tun-csum").on(web),
                of("-a -t 192.0.2.10:80 -r 10.1.1.3 -i --tun-type gue --tun-port 6080 --tun-type gre").on(web),
                // editing replaces, deleting needs the right port
                of("-e -t 192.0.2.10:80 -r 10.1.1.1:8080 -w 5").on(web), of("-e -t 192.0.2.10:80 -r 10.1.1.1:8080 -m").on(web),
                of("-e -t 192.0.2.10:80 -r 10.1.1.1:8080 -g").on(web), of("-e -t 192.0.2.10:80 -r 10.1.1.9:8080 -m").on(web),
                of("-e -t 192.0.2.99:80 -r 10.1.1.1:8080 -m").on(web), of("-e -t 192.0.2.10:80 -r 192.0.2.1:8080 -m").on(mixed),
                of("-e -t 192.0.2.12:0 -r 10.1.1.3 -i").on(mixed), of("-e -t 192.0.2.12:0 -r 10.1.1.3 -i --tun-type gre --tun-csum").on(mixed),
                of("-e -t 192.0.2.10:80 -r 10.1.1.1:8080 -m -x 10 -y 20").on(web),
                of("-d -t 192.0.2.10:80 -r 10.1.1.1:8080").on(web), of("-d -t 192.0.2.10:80 -r 10.1.1.1").on(web),
                of("-d -t 192.0.2.10:80 -r 10.1.1.9:8080").on(web), of("-d -t 192.0.2.99:80 -r 10.1.1.1:8080").on(web),
                of("-d -u 192.0.2.11:53 -r 10.1.1.2").on(mixed), of("-d -u 192.0.2.11:53 -r 10.1.1.2:54").on(mixed),
                of("-d -f 1 -r 10.1.1.4").on(mixed), of("-d -t 192.0.2.12:0 -r [2001:db8::5]:0").on(mixed),
                of("-d -t [2001:db8::80]:443 -r [2001:db8::a0a0]:8443").on(mixed),
                of("--delete-server --tcp-service 192.0.2.10:80 --real-server 10.1.1.2:8080").on(web));
    }
}

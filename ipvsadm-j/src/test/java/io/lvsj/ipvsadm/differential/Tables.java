package io.lvsj.ipvsadm.differential;

/** Starting tables for differential cases, as {@code -R} input. */
final class Tables {
    private Tables() {
    }

    /** Every kind of service and destination: the golden fixture's table, live. */
    static final String MIXED = """
            -A -t 192.0.2.10:80 -s rr
            -a -t 192.0.2.10:80 -r 10.1.1.1:8080 -m
            -a -t 192.0.2.10:80 -r 192.0.2.1:8080 -m -w 3 -x 100 -y 50
            -A -u 192.0.2.11:53 -s sh -b sh-fallback,sh-port -o
            -a -u 192.0.2.11:53 -r 10.1.1.2
            -A -t 192.0.2.12:0 -s wlc -p 3600 -M 255.255.255.0 --pe sip
            -a -t 192.0.2.12:0 -r 10.1.1.3 -i --tun-type gue --tun-port 6080 --tun-csum
            -a -t 192.0.2.12:0 -r [2001:db8::5]:0 -i --tun-type gre --tun-nocsum
            -a -t 192.0.2.12:0 -r 10.1.1.9 -i
            -A --sctp-service 192.0.2.13:5060 -s rr
            -A -t [2001:db8::80]:443 -s mh -p 300 -M 64 -b mh-fallback,mh-port
            -a -t [2001:db8::80]:443 -r [2001:db8::a0a0]:8443 -m
            -a -t [2001:db8::80]:443 -r 10.1.1.7 -i --tun-type gue --tun-port 7000 --tun-remcsum
            -A -f 1 -s wrr
            -a -f 1 -r 10.1.1.4 -g -w 5
            -A -f 2882430849 -6 -s rr -p 60
            -a -f 2882430849 -6 -r [2001:db8::6]:0 -g -w 0
            -A -u [2001:db8::53]:53 -s lc -o -p 10 -M 96
            -A -t 192.0.2.14:25 -s rr -b flag-1,flag-3
            """;

    /** One plain service with two servers. */
    static final String WEB = """
            -A -t 192.0.2.10:80 -s rr
            -a -t 192.0.2.10:80 -r 10.1.1.1:8080 -m -w 2
            -a -t 192.0.2.10:80 -r 10.1.1.2:8080 -m
            """;

    /** Addresses and fwmarks whose order ipvsadm's signed comparisons scramble. */
    static final String UNSORTED = """
            -A -t 10.0.0.1:80 -s rr
            -A -t 192.0.2.1:80
            -A -t 150.0.0.1:443
            -A -t 64.0.0.1:80
            -A -t 200.1.1.1:8080
            -A -t 128.0.0.1:80
            -A -t 1.1.1.1:80
            -A -t 255.255.255.254:80
            -A -t 127.0.0.2:80
            -A -t 100.0.0.1:80
            -A -t 192.0.2.1:443
            -A -t 192.0.2.1:1
            -A -t 192.0.2.1:65535
            -A -u 10.0.0.1:80
            -A -u 200.0.0.1:80
            -A --sctp-service 10.0.0.1:80
            -A -t [2001:db8::1]:80
            -A -t [fe80::1]:80
            -A -t [::1]:80
            -A -t [ffff::1]:80
            -A -t [2001:db8:8000::1]:80
            -A -f 1
            -A -f 2
            -A -f 2147483648
            -A -f 4294967295
            -A -f 3000000000
            -A -f 7 -6
            -A -f 2147483649 -6
            -a -t 10.0.0.1:80 -r 192.0.2.1:80 -m
            -a -t 10.0.0.1:80 -r 10.1.1.1:80 -m
            -a -t 10.0.0.1:80 -r 150.0.0.1:80 -m
            -a -t 10.0.0.1:80 -r 64.0.0.1:81 -m
            -a -t 10.0.0.1:80 -r 64.0.0.1:80 -m
            -a -t 10.0.0.1:80 -r 200.0.0.1:80 -m
            -a -t 10.0.0.1:80 -r 1.2.3.4:80 -m
            -a -t 10.0.0.1:80 -r 250.0.0.1:80 -m
            -a -t 10.0.0.1:80 -r [2001:db8::9]:80 -i
            -a -t 10.0.0.1:80 -r [fd00::9]:80 -i
            -a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -m
            -a -t [2001:db8::1]:80 -r [f001:db8::2]:80 -m
            -a -t [2001:db8::1]:80 -r [2001:db8::2]:79 -m
            -a -t [2001:db8::1]:80 -r 10.0.0.5 -i
            """;

    /** Names that /etc/hosts and /etc/services know. */
    static final String LOCAL = """
            -A -t 127.0.0.1:80 -s rr
            -a -t 127.0.0.1:80 -r 127.0.0.1:8080 -m
            -a -t 127.0.0.1:80 -r 127.0.0.1:443 -m
            -A -u 127.0.0.1:53 -s rr
            -a -u 127.0.0.1:53 -r 127.0.0.1:5353 -m
            -A --sctp-service 127.0.0.1:5060
            -A -t [::1]:443 -s rr
            -a -t [::1]:443 -r [::1]:8443 -m
            -A -f 9 -s rr
            -a -f 9 -r 127.0.0.1:22 -g
            """;

    /** Both sync daemons running, on the loopback interface. */
    static final String DAEMONS = """
            --start-daemon master --mcast-interface lo --syncid 3
            --start-daemon backup --mcast-interface lo --syncid 7 --mcast-group 239.1.2.3 --mcast-port 9000 --mcast-ttl 2 --sync-maxlen 1200
            """;

    static final String MASTER = """
            --start-daemon master --mcast-interface lo
            """;

    static final String TIMEOUTS = """
            --set 10 20 30
            """;
}

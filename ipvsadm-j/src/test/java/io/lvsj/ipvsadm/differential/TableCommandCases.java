package io.lvsj.ipvsadm.differential;

import java.util.List;

import static io.lvsj.ipvsadm.differential.DiffCase.of;

/** The commands on the whole table: -C, -Z, --set, and the sync daemons. */
final class TableCommandCases {
    private TableCommandCases() {
    }

    static List<DiffCase> cases() {
        return List.of(
                // clear and zero
                of("-C").on(Tables.MIXED), of("--clear").on(Tables.WEB), of("-C"), of("-Z").on(Tables.MIXED), of("-Z"),
                of("--zero").on(Tables.WEB), of("-Z -t 192.0.2.10:80").on(Tables.WEB), of("-Z -t 192.0.2.99:80").on(Tables.WEB),
                of("-Z -f 1").on(Tables.MIXED), of("-Z -f 1 -6").on(Tables.MIXED), of("-Z -t 0.0.0.0:0").on(Tables.WEB),
                of("-Z -t [::]:0").on(Tables.WEB), of("-Z -u 192.0.2.10:80").on(Tables.WEB), of("-Z -t 192.0.2.10").on(Tables.WEB),
                // timeouts
                of("--set 900 120 300"), of("--set 10 20 30"), of("--set 0 0 0").on(Tables.TIMEOUTS),
                of("--set 0 5 0").on(Tables.TIMEOUTS), of("--set 1 2"), of("--set"), of("--set 1 2 3 4"),
                of("--set a 1 1"), of("--set 1 b 1"), of("--set 1 1 c"), of("--set 2678400 1 1"), of("--set 2678401 1 1"),
                of("--set -1 1 1"), of("--set 1 -- -1 1"), of("--set=1 2 3"), of("--set 1 2 3 -L"),
                // sync daemons
                of("--start-daemon master --mcast-interface lo"), of("--start-daemon backup --mcast-interface lo"),
                of("--start-daemon master"), of("--start-daemon backup --mcast-interface nosuch0"),
                of("--start-daemon master --mcast-interface lo --syncid 5"),
                of("--start-daemon master --mcast-interface lo --syncid 255"),
                of("--start-daemon master --mcast-interface lo --syncid 256"),
                of("--start-daemon master --mcast-interface lo --syncid x"),
                of("--start-daemon master --mcast-interface lo --sync-maxlen 1400"),
                of("--start-daemon master --mcast-interface lo --sync-maxlen 65507"),
                of("--start-daemon master --mcast-interface lo --sync-maxlen 65508"),
                of("--start-daemon master --mcast-interface lo --sync-maxlen 0"),
                of("--start-daemon master --mcast-interface lo --mcast-group 239.1.1.1"),
                of("--start-daemon master --mcast-interface lo --mcast-group 10.0.0.1"),
                of("--start-daemon master --mcast-interface lo --mcast-group 239.1.1"),
                of("--start-daemon master --mcast-interface lo --mcast-group ff02::1234"),
                of("--start-daemon master --mcast-interface lo --mcast-group 2001:db8::1"),
                of("--start-daemon master --mcast-interface lo --mcast-port 9000"),
                of("--start-daemon master --mcast-interface lo --mcast-port 0"),
                of("--start-daemon master --mcast-interface lo --mcast-port 65536"),
                of("--start-daemon master --mcast-interface lo --mcast-ttl 2"),
                of("--start-daemon master --mcast-interface lo --mcast-ttl 256"),
                of("--start-daemon backup --mcast-interface lo --syncid 9 --mcast-group 239.9.9.9 --mcast-port 7000 --mcast-ttl 9 --sync-maxlen 999"),
                of("--start-daemon master --mcast-interface aaaaaaaaaaaaaaaaaaaaaaa"),
                of("--start-daemon master --mcast-interface lo").on(Tables.MASTER),
                of("--start-daemon backup --mcast-interface lo").on(Tables.MASTER),
                of("--stop-daemon master").on(Tables.MASTER), of("--stop-daemon backup").on(Tables.MASTER),
                of("--stop-daemon master"), of("--stop-daemon master --syncid 3").on(Tables.DAEMONS),
                of("--stop-daemon backup").on(Tables.DAEMONS), of("--stop-daemon master --syncid 300").on(Tables.DAEMONS),
                of("-a -t 192.0.2.10:80 -r [2001:db8::1] -i").on(Tables.WEB + Tables.MASTER),
                of("--start-daemon backup --mcast-interface lo").on(Tables.MIXED));
    }
}
